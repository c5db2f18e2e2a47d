import Dispatch
import Foundation
import StationKit

/// The station's point is not inside the province its `province` field names (GEOS prepared
/// point-in-polygon against the boundary file), with the province it is actually in and how far
/// outside the named one it lies (a few metres: a station on the border; 100 km: a wrong row).
struct OutsideDeclaredProvinceRule: AuditRule {
    static let id = "outside-declared-province"
    static let severity = AuditSeverity.warning
    static let summary = "position not inside the province the record names"

    func findings(in audit: AuditContext) -> [AuditFinding] {
        let data = audit.data
        let misplaced = data.stations.indices.filter {
            data.declaredProvince[$0] >= 0 && data.declaredProvince[$0] != data.locatedProvince[$0]
                && data.stations[$0].coordinate.isInChina
        }
        // The distance to the named province's outline is the costly part (GEOS, ~0.1 ms each):
        // computed on all cores, each with its own copy of the boundaries.
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, misplaced.count / 256))
        nonisolated(unsafe) let copies = [audit.boundaries] + (1..<max(workers, 1)).map { _ in audit.boundaries.copy() }
        let distances = UnsafeMutableBufferPointer<Double>.allocate(capacity: misplaced.count)
        distances.initialize(repeating: 0)
        defer { distances.deallocate() }
        nonisolated(unsafe) let shared = distances
        DispatchQueue.concurrentPerform(iterations: max(workers, 1)) { worker in
            let boundaries = copies[worker]
            for position in stride(from: worker, to: misplaced.count, by: max(workers, 1)) {
                let station = misplaced[position]
                shared[position] = boundaries.distance(from: data.stations[station].coordinate,
                                                       to: data.declaredProvince(ofStation: station)!) ?? 0
            }
        }
        return misplaced.enumerated().map { position, stationIndex in
            let station = data.stations[stationIndex]
            let declared = data.declaredProvince(ofStation: stationIndex)!
            let located = data.province(ofStation: stationIndex)
            let whereItIs = located.map { "in \($0.nameZh)" } ?? "outside every province (at sea or abroad)"
            return AuditFinding(
                self, data.sources[data.sourceOfStation[stationIndex]], field: "province", value: station.province,
                message: "the position \(formatted(station.coordinate)) lies \(whereItIs), \(formattedDistance(distances[position])) outside \(declared.nameZh)",
                suggestion: located.map { "if the position is right, the province is \($0.nameZh); otherwise re-geocode the address" }
                    ?? "re-geocode the address")
        }
    }
}
