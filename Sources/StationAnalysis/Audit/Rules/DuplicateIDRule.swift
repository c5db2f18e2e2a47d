import StationKit

/// An id used by an earlier record, in the same file or an earlier one (every record counts, also
/// those the readers reject for other reasons).
struct DuplicateIDRule: AuditRule {
    static let id = "duplicate-id"
    static let severity = AuditSeverity.error
    static let summary = "id already used by another record"

    func findings(in audit: AuditContext) -> [AuditFinding] {
        var first: [String: RecordOrigin] = [:]
        first.reserveCapacity(audit.data.sources.count)
        var findings: [AuditFinding] = []
        for record in audit.data.sources {
            guard let id = record.fields.trimmedID else { continue }
            guard let earlier = first[id] else {
                first[id] = record.origin
                continue
            }
            let there = earlier.file == record.origin.file ? "\(earlier.location)" : "\(earlier)"
            findings.append(AuditFinding(self, record, field: "id", value: record.fields.id,
                                         message: "duplicate id, first used on \(there); queries keep only the first",
                                         suggestion: "give this station its own id, or delete the row if it is the same station"))
        }
        return findings
    }
}
