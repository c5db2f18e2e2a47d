import StationKit

/// Coordinates at or within ~50 m of (0, 0): a failed geocode, not a station in the Gulf of Guinea.
struct NullIslandRule: RecordRule {
    static let id = "null-island"
    static let severity = AuditSeverity.error
    static let summary = "coordinates at (0, 0), where failed geocodes land"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let fields = record.fields
        guard facts.isNullIsland else { return }
        findings.append(AuditFinding(
            self, record, field: "lat,lon", value: "\(fields.latitude.written ?? ""),\(fields.longitude.written ?? "")",
            message: "coordinates are (0, 0): a geocoder failed or the cells were left empty",
            suggestion: "geocode the address again"))
    }
}
