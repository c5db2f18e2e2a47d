import StationKit

/// Coordinates declared in GCJ-02 or BD-09: correct as declared, but every other tool expects
/// WGS84, so `--fix` converts them.
struct DeclaredDatumRule: RecordRule {
    static let id = "declared-datum"
    static let severity = AuditSeverity.info
    static let summary = "coordinates declared in GCJ-02/BD-09 (fixable: converted to WGS84)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        guard let station = facts.station, let datum = facts.sourceDatum, datum != .wgs84 else { return }
        let name = DatumMismatchRule.name(datum)
        findings.append(AuditFinding(
            self, record, field: "crs", value: record.fields.crs ?? datum.rawValue,
            message: "coordinates are in \(name); in WGS84 they are \(formatted(data.stations[station].coordinate))",
            suggestion: "store WGS84 (GeoJSON's datum) and convert for each map", fixable: true))
    }
}
