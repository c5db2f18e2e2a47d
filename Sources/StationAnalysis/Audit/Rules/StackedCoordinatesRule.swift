import StationKit

/// Five or more stations on one spot (within 1 m): a geocoder that fell back to a district or
/// city centre (found through ``NeighbourGrid``). Two or three on one spot are common (a carnation station inside a union station),
/// so the rule waits for five.
struct StackedCoordinatesRule: AuditRule {
    static let id = "stacked-coordinates"
    static let severity = AuditSeverity.warning
    static let summary = "5 or more stations on one spot (a geocoder's fallback)"

    static let threshold = 5
    static let radius = 1.0

    func findings(in audit: AuditContext) -> [AuditFinding] {
        let data = audit.data
        return parallelFindings(count: data.stations.count) { index, findings in
            let stack = (data.neighbours[index].filter { $0.distance <= Self.radius }.map(\.index) + [index]).sorted()
            guard stack.count >= Self.threshold else { return }
            let station = data.stations[index]
            let others = stack.filter { $0 != index }.prefix(3).map { "\(data.sources[data.sourceOfStation[$0]].origin.location)" }
            let more = stack.count - 1 > others.count ? ", …" : ""
            findings.append(AuditFinding(
                self, data.sources[data.sourceOfStation[index]], field: "lat,lon", value: formatted(station.coordinate),
                message: "one of \(stack.count) stations at the same spot (also \(others.joined(separator: ", "))\(more)): a geocoder's fallback, not where the stations are",
                suggestion: "geocode each station's own address"))
        }
    }
}
