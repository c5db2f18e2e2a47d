import StationKit

/// An empty amenity list: no query with --need can ever find the station.
struct NoAmenitiesRule: RecordRule {
    static let id = "no-amenities"
    static let severity = AuditSeverity.warning
    static let summary = "empty amenity list"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        guard facts.tags.isEmpty else { return }
        findings.append(AuditFinding(self, record, field: "amenities", value: "",
                                     message: "no amenities listed: no search for a shower, toilet or water will ever find this station",
                                     suggestion: "list what the station offers, e.g. drinking-water;toilet;rest"))
    }
}
