import StationKit

/// A valid position outside China's outline (which runs ~2 km beyond the border and coast).
struct OutsideChinaRule: RecordRule {
    static let id = "outside-china"
    static let severity = AuditSeverity.error
    static let summary = "position outside China"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        let fields = record.fields
        guard let (latitude, longitude) = facts.position, abs(latitude) <= 90, abs(longitude) <= 180,
              !facts.isSwapped, !facts.isNullIsland,
              !Coordinate(latitude: latitude, longitude: longitude).isInChina else { return }
        findings.append(AuditFinding(
            self, record, field: "lat,lon", value: "\(fields.latitude.written ?? ""),\(fields.longitude.written ?? "")",
            message: "the position is outside China",
            suggestion: "check the geocoding; a sign dropped or a digit mistyped?"))
    }
}
