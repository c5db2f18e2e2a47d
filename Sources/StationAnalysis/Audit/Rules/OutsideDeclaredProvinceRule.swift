import StationKit

/// The station's point is not inside the province its `province` field names (GEOS prepared
/// point-in-polygon against the boundary file), with the province it is actually in.
struct OutsideDeclaredProvinceRule: AuditRule {
    static let id = "outside-declared-province"
    static let severity = AuditSeverity.warning
    static let summary = "position not inside the province the record names"

    func findings(in audit: AuditContext) -> [AuditFinding] {
        let data = audit.data
        var findings: [AuditFinding] = []
        for stationIndex in data.stations.indices where data.declaredProvince[stationIndex] >= 0
            && data.declaredProvince[stationIndex] != data.locatedProvince[stationIndex] {
            let station = data.stations[stationIndex]
            guard let declared = data.declaredProvince(ofStation: stationIndex), station.coordinate.isInChina else { continue }
            let located = data.province(ofStation: stationIndex)
            let distance = audit.boundaries.distance(from: station.coordinate, to: declared) ?? 0
            let record = data.sources[data.sourceOfStation[stationIndex]]
            let whereItIs = located.map { "in \($0.nameZh)" } ?? "outside every province (at sea or abroad)"
            findings.append(AuditFinding(
                self, record, field: "province", value: station.province,
                message: "the position \(formatted(station.coordinate)) lies \(whereItIs), \(formattedDistance(distance)) outside \(declared.nameZh)",
                suggestion: located.map { "if the position is right, the province is \($0.nameZh); otherwise re-geocode the address" }
                    ?? "re-geocode the address"))
        }
        return findings
    }
}
