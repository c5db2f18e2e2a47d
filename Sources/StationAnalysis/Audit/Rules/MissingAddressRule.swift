import StationKit

/// No address: workers cannot find the door, and the position cannot be re-geocoded.
struct MissingAddressRule: RecordRule {
    static let id = "missing-address"
    static let severity = AuditSeverity.warning
    static let summary = "no address"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        guard record.fields.address.trimmed().isEmpty else { return }
        findings.append(AuditFinding(self, record, field: "address", value: record.fields.address, message: "the station has no address",
                                     suggestion: "add the street address, so workers can find the door"))
    }
}
