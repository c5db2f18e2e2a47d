import StationKit

/// A kind or amenity written as an alias (`淋浴`, `司机之家`) rather than its canonical tag:
/// understood, but other tools will not be. `--fix` writes the canonical tags.
struct NonCanonicalTagRule: RecordRule {
    static let id = "non-canonical-tag"
    static let severity = AuditSeverity.info
    static let summary = "kind or amenity written as an alias (fixable: canonical tag)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        if let text = record.fields.kind, let kind = Kind(parsing: text), text != kind.rawValue {
            findings.append(AuditFinding(self, record, field: "kind", value: text,
                                         message: "kind '\(text.trimmed())' is written '\(kind.rawValue)' in the interchange format",
                                         suggestion: kind.rawValue, fixable: true))
        }
        let tags = facts.tags
        let canonical = tags.map { (try? Amenity(parsing: $0))?.rawValue ?? $0 }
        let aliases = zip(tags, canonical).filter { $0 != $1 && (try? Amenity(parsing: $0)) != nil }
        guard !aliases.isEmpty else { return }
        findings.append(AuditFinding(
            self, record, field: "amenities", value: aliases.map(\.0).joined(separator: ";"),
            message: "amenit\(aliases.count == 1 ? "y" : "ies") written as alias\(aliases.count == 1 ? "" : "es"): "
                + aliases.map { "'\($0.0)' is '\($0.1)'" }.joined(separator: ", "),
            suggestion: canonical.joined(separator: ";"), fixable: true))
    }
}
