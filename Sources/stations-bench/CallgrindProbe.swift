// `stations-bench probe`: one case over every query, for tools/callgrind.sh, which counts the
// instructions and simulated cache misses of `nearest` under valgrind. Those counts repeat
// exactly from run to run, where wall time on a shared machine moves by a third, so small
// changes to the search are judged by them (docs/BENCHMARKS.md).
//
//   stations-bench probe --stations FILE.csv --snapshot FILE.idx          writes the snapshot
//   stations-bench probe --snapshot FILE.idx --queries FILE.csv --case K:NEED
//
// The second form maps the snapshot and adds the rare-bit grids, as `stations near` does, so
// that nothing but the queries runs long under valgrind (loading a million stations there
// would take minutes). NEED is an amenity tag or `none`. It prints a checksum of the answers.
import Foundation
import StationKit

func runCallgrindProbe(_ arguments: [String]) {
    var values: [String: String] = [:]
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        guard ["--stations", "--snapshot", "--queries", "--case"].contains(flag), let value = rest.popFirst() else {
            fail("probe: unknown option or missing value: \(flag)")
        }
        values[flag] = value
    }
    guard let snapshot = values["--snapshot"] else { fail("probe: --snapshot FILE.idx is required") }
    if let stations = values["--stations"] {
        writeProbeSnapshot(from: stations, to: snapshot)
        return
    }
    guard let queriesPath = values["--queries"], let caseText = values["--case"] else {
        fail("probe: needs --stations (to write the snapshot) or --queries and --case K:NEED")
    }
    let (limit, filter) = probeCase(caseText)
    let index: StationIndex
    do { index = try StationSnapshot.open(atPath: snapshot).withRareBitLayers() } catch { fail("probe: \(snapshot): \(error)") }
    var checksum = 0.0
    for query in readQueries(queriesPath) {
        checksum += index.nearest(to: query, limit: limit, filter: filter).last?.distance ?? 0
    }
    print(String(format: "%.3f", checksum))
}

/// `K:NEED`, e.g. `10:toilet` or `1:none`.
private func probeCase(_ text: String) -> (Int, StationFilter) {
    let parts = text.split(separator: ":")
    guard parts.count == 2, let limit = Int(parts[0]), limit > 0 else { fail("probe: --case is K:NEED, e.g. 10:toilet; got '\(text)'") }
    guard let filter = needFilter(parts[1]) else { fail("probe: unknown amenity '\(parts[1])'") }
    return (limit, filter)
}

/// Indexes `csv` and writes its snapshot to `path`, through a temporary file renamed at the end.
private func writeProbeSnapshot(from csv: String, to path: String) {
    let loaded: LoadResult
    do { loaded = try StationLoader.load(path: csv) } catch { fail("probe: \(error)") }
    let index = StationIndex(loaded.stations)
    let temporary = path + ".partial"
    _ = writeSnapshotFile(index, to: temporary)
    do {
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    } catch { fail("probe: \(path): \(error)") }
}
