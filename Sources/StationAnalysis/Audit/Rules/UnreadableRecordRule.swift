import StationKit

/// Every complaint of the readers, word for word: a record that `stations near` skips.
///
/// The auditor drops the complaints a more specific rule already explains for the same record and
/// field (a swapped pair is "latitude out of range" to the reader, "swapped" to the audit), so each
/// problem is told once, by the rule that knows most about it.
struct UnreadableRecordRule: AuditRule {
    static let id = "unreadable-record"
    static let severity = AuditSeverity.error
    static let summary = "records the readers reject (stations near skips them)"

    func findings(in audit: AuditContext) -> [AuditFinding] {
        let faulty = Set(audit.data.readerErrors.map { RecordOrigin(file: $0.file, location: $0.location) })
        var idByOrigin: [RecordOrigin: String?] = [:]
        for record in audit.data.sources where faulty.contains(record.origin) { idByOrigin[record.origin] = record.fields.trimmedID }
        return audit.data.readerErrors.map { error in
            AuditFinding(rule: Self.id, severity: Self.severity, file: error.file, location: error.location,
                         recordID: idByOrigin[RecordOrigin(file: error.file, location: error.location)] ?? nil,
                         field: error.field, value: error.value, message: error.message)
        }
    }
}
