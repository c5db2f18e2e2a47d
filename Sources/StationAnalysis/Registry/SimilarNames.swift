import Dispatch
import StationKit

/// Pairs between two sets of stations whose names are similar (``NameSimilarity``) and whose
/// positions lie within a radius, found through a ``SimilarNameIndex`` of the targets' names:
/// the same pairs as every neighbour within the radius tested name against name, without
/// visiting the neighbours whose names have nothing in common.
enum SimilarNames {
    /// For each query, the targets within `radius` (geodesic metres, from the query) with a
    /// similar name, in target order. Computed on all cores; `progress` counts a step up to `end`.
    static func within(_ radius: Double, queries: [Station], keys queryKeys: NameKeys,
                       targets: [Station], keys targetKeys: NameKeys,
                       progress: RegistryProgress? = nil, until end: Double = 1) -> [[Neighbour]] {
        guard !queries.isEmpty, !targets.isEmpty else { return queries.map { _ in [] } }
        let index = SimilarNameIndex(keys: targetKeys, coordinates: targets.map(\.coordinate))
        // A degree of latitude is at least 110.5 km; the margin covers the index's Float latitudes.
        let band = radius / 110_500 + 1e-4
        let found = UnsafeMutableBufferPointer<[Neighbour]>.allocate(capacity: queries.count)
        found.initialize(repeating: [])
        defer { found.deinitialize(); found.deallocate() }
        nonisolated(unsafe) let shared = found
        let chunk = 4_096, chunks = (queries.count + chunk - 1) / chunk
        progress?.step(to: end, units: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            var hashes: [UInt64] = [], prefixes: [UInt64] = [], candidates: [Int] = []
            for query in part * chunk..<min(queries.count, (part + 1) * chunk) {
                hashes.removeAll(keepingCapacity: true)
                queryKeys.variantHashes(query, into: &hashes, prefixes: &prefixes)
                guard !hashes.isEmpty else { continue }  // an empty key is similar to nothing
                let point = queries[query].coordinate
                candidates.removeAll(keepingCapacity: true)
                for hash in hashes {
                    index.visit(hash, latitudes: point.latitude - band...point.latitude + band) { candidates.append($0) }
                }
                guard !candidates.isEmpty else { continue }
                // An equal key is filed under every variant: each target once.
                candidates.sort()
                var pairs: [Neighbour] = []
                var previous = -1
                for target in candidates where target != previous {
                    previous = target
                    let there = targets[target].coordinate
                    // The flat estimate is within 1 % of the geodesic at these distances.
                    if NeighbourGrid.flatDistance(point, there) > radius * 1.02 { continue }
                    let same = queryKeys.sameKey(query, as: target, in: targetKeys)
                    if !same {
                        // The rule's own guards first: near matches need 4 letters and lengths at most one apart.
                        let a = queryKeys.length(query), b = targetKeys.length(target)
                        guard min(a, b) >= 4, abs(a - b) <= 1 else { continue }
                    }
                    let distance = point.geodesicDistance(to: there)
                    guard distance <= radius else { continue }
                    if same || NameSimilarity.similar(queries[query].name, targets[target].name) {
                        pairs.append(Neighbour(index: target, distance: distance))
                    }
                }
                shared[query] = pairs
            }
            progress?.advance()
        }
        return Array(found)
    }
}
