import Foundation
import StationKit

/// The same index written as a snapshot and mapped again: write and open times, and query times
/// on the mapped index beside the in-memory one (the search code is the same; this shows whether
/// reading through the mapping costs anything). Every answer must be identical.
func benchSnapshot(_ index: StationIndex, queries: [Coordinate], runs: Int) -> Bool {
    let path = NSTemporaryDirectory() + "stations-bench-\(getpid()).idx"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writeStart = now()
    let bytes = writeSnapshotFile(index, to: path)
    let writeMilliseconds = Double(now() - writeStart) / 1e6

    var openTimes: [Double] = []
    var opened: StationIndex?
    for _ in 0..<5 {
        let start = now()
        do { opened = try StationSnapshot.open(atPath: path) } catch { fail("\(error)") }
        openTimes.append(Double(now() - start) / 1e6)
    }
    // With its rare-bit layers, as `stations near` builds them for a query that needs one: without
    // them the 0.5 % amenity would search the main grid (about 20 µs a query instead of 1.6).
    let mapped = opened!.withRareBitLayers()

    print("\nSnapshot: \(format(Double(bytes) / 1e6, 1)) MB written in \(format(writeMilliseconds, 0)) ms (page cache, no sync); opened in \(format(median(openTimes), 1)) ms (median of 5, structure checks included)\n")
    print("| k | need | in memory µs/query | mapped µs/query |")
    print("|---:|---|---:|---:|")
    var identical = true
    for (k, need, label) in [(1, AmenitySet(), "none"), (10, AmenitySet([.airPump]), "air-pump (0.5 %)")] {
        let filter = StationFilter(need: need)
        func perQuery(_ subject: StationIndex) -> Double {
            var totals: [Double] = []
            var checksum = 0
            for _ in 0..<runs {
                let start = now()
                for query in queries { checksum &+= subject.nearest(to: query, limit: k, filter: filter).count }
                totals.append(Double(now() - start) / 1e3 / Double(queries.count))
            }
            if checksum == -1 { print("") }
            return median(totals)
        }
        print("| \(k) | \(label) | \(format(perQuery(index))) | \(format(perQuery(mapped))) |")
        for query in queries where index.nearest(to: query, limit: k, filter: filter) != mapped.nearest(to: query, limit: k, filter: filter) {
            identical = false
            FileHandle.standardError.write(Data("SNAPSHOT MISMATCH k=\(k) need=\(label) at \(query)\n".utf8))
        }
    }
    print(identical ? "\nsnapshot: all \(queries.count) queries × 2 cases give identical answers" : "\nsnapshot: answers differ")
    return identical
}
