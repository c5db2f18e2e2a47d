import StationKit

/// `opening_hours` that is not OpenStreetMap syntax (where the parse failed and what it expected),
/// or valid syntax that stations cannot evaluate (sunrise, week numbers…): either way
/// `stations near --open-now` lists the station as "hours unknown".
struct OpeningHoursSyntaxRule: RecordRule {
    static let id = "opening-hours"
    static let severity = AuditSeverity.warning
    static let summary = "opening_hours not in OpenStreetMap syntax (where the parse failed)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let text = record.fields.openingHours
        guard !text.trimmed().isEmpty, case .failure(let error) = OpeningHours.parse(text) else { return }
        let unsupported = error.kind == .unsupported
        findings.append(AuditFinding(
            self, record, field: "opening_hours", value: text,
            message: unsupported ? "valid OpenStreetMap hours that stations cannot evaluate (\(error)); searches by time list it as 'hours unknown'"
                                 : "not OpenStreetMap opening_hours syntax: \(error)",
            suggestion: Self.suggestion(for: text), severity: unsupported ? .info : nil))
    }

    static func suggestion(for text: String) -> String {
        if text.contains("24小时") || text.contains("全天") || text.contains("24h") { return "write 24/7" }
        return "write e.g. Mo-Fr 08:00-18:00; Sa,Su 09:00-16:00 (the OpenStreetMap opening_hours syntax)"
    }
}
