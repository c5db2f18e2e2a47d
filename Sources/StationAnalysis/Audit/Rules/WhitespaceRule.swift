import StationKit

/// Spaces or tabs around a value (spreadsheets add them): invisible, but `山西省 ` is not `山西省`
/// to every tool. `--fix` trims them.
struct WhitespaceRule: RecordRule {
    static let id = "whitespace"
    static let severity = AuditSeverity.info
    static let summary = "spaces around values (fixable: trimmed)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let padded = RecordFixer.textFields.filter { field in
            guard let value = field.get(record.fields) else { return false }
            return value != value.trimmed()
        }
        guard !padded.isEmpty else { return }
        findings.append(AuditFinding(
            self, record, field: padded.map(\.name).joined(separator: ","),
            value: padded.map { $0.get(record.fields) ?? "" }.joined(separator: " | "),
            message: "spaces around \(padded.map(\.name).joined(separator: ", "))", suggestion: "trim them", fixable: true))
    }
}
