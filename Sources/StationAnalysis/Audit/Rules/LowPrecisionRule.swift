import StationKit

/// Coordinates written with two decimals or fewer (±500 m or worse): a city-centroid geocode, too
/// coarse to walk to a station.
struct LowPrecisionRule: RecordRule {
    static let id = "low-precision"
    static let severity = AuditSeverity.warning
    static let summary = "coordinates with 2 decimals or fewer (a city-centre geocode)"

    func check(_ record: SourceRecord, facts: RecordFacts, in data: AuditData, into findings: inout [AuditFinding]) {
        guard facts.station != nil, !facts.isNullIsland,
              let latitude = record.fields.latitude.written, let longitude = record.fields.longitude.written,
              let places = [decimalPlaces(latitude), decimalPlaces(longitude)].compactMap({ $0 }).min(), places <= 2 else { return }
        let spread = places == 0 ? "about 100 km" : places == 1 ? "about 10 km" : "about 1 km"
        findings.append(AuditFinding(
            self, record, field: "lat,lon", value: "\(latitude.trimmed()),\(longitude.trimmed())",
            message: "only \(places) decimal place\(places == 1 ? "" : "s") (\(spread) of uncertainty): probably a city or district centre, not the station",
            suggestion: "locate the station itself; 5 decimals is about 1 m"))
    }
}
