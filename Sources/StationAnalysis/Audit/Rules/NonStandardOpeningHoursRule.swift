import StationKit

/// `opening_hours` that parses only because we are lenient (`8:00`, `08：00`, `~`, `至`, `Mon`):
/// understood here, not by other OpenStreetMap tools. `--fix` writes the standard spelling.
struct NonStandardOpeningHoursRule: RecordRule {
    static let id = "non-standard-opening-hours"
    static let severity = AuditSeverity.info
    static let summary = "opening_hours readable but not standard (fixable: standard spelling)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let text = record.fields.openingHours
        guard !text.trimmed().isEmpty, case .success(let hours) = OpeningHours.parse(text), !hours.isStrict else { return }
        findings.append(AuditFinding(
            self, record, field: "opening_hours", value: text,
            message: "not standard OpenStreetMap syntax: " + hours.leniencies.map(\.message).joined(separator: "; "),
            suggestion: hours.normalized, fixable: true))
    }
}
