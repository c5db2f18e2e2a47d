import Dispatch
import StationKit

/// Pairs between two sets of stations within a radius, through the audit's ``NeighbourGrid`` over
/// both sets at once: each station of one set looks only at the cells near it, never at every
/// station of the other (a million against a million in seconds).
enum CrossNeighbours {
    /// For each of `queries`, the positions in `targets` within `radius` (geodesic metres), nearest
    /// first (ties by position in `targets`). Computed on all cores; `progress` counts a step up to `end`.
    static func within(_ radius: Double, of queries: [Coordinate], among targets: [Coordinate],
                       progress: RegistryProgress? = nil, until end: Double = 1) -> [[Neighbour]] {
        guard !queries.isEmpty, !targets.isEmpty else { return queries.map { _ in [] } }
        let grid = NeighbourGrid(targets + queries, radius: radius)
        let found = UnsafeMutableBufferPointer<[Neighbour]>.allocate(capacity: queries.count)
        found.initialize(repeating: [])
        defer { found.deinitialize(); found.deallocate() }
        nonisolated(unsafe) let shared = found
        let chunk = 4_096, chunks = (queries.count + chunk - 1) / chunk
        progress?.step(to: end, units: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            for query in part * chunk..<min(queries.count, (part + 1) * chunk) {
                // The grid holds both sets; keep only the targets.
                shared[query] = grid.neighbours(of: targets.count + query).filter { $0.index < targets.count }
            }
            progress?.advance()
        }
        return Array(found)
    }
}
