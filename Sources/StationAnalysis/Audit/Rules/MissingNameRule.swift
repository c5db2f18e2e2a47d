import StationKit

/// No name: the map and the app have nothing to call the station.
struct MissingNameRule: RecordRule {
    static let id = "missing-name"
    static let severity = AuditSeverity.warning
    static let summary = "no name"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        guard record.fields.name.trimmed().isEmpty else { return }
        findings.append(AuditFinding(self, record, field: "name", value: record.fields.name, message: "the station has no name",
                                     suggestion: "use the name on the station's sign, e.g. 迎泽区工会驿站"))
    }
}
