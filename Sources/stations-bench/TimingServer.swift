// `stations-bench serve`: our side of tools/bench-interleaved.py, which asks us and SciPy for the
// same case in turn so that both meet the same moments of a shared machine.
//
//   stations-bench serve --stations FILE.csv --queries FILE.csv
//
// Loads and indexes the stations, prints `ready`, then answers each line `K NEED` (NEED an
// amenity tag, or `none`) read from standard input with one line: the microseconds per query of
// one pass over every query on one core, measured like the main table (total ÷ queries).
import Dispatch
import Foundation
import StationKit

func serveTimings(_ arguments: [String]) {
    let options = Options(CommandLine.arguments.prefix(1) + arguments)
    let loaded: LoadResult
    do { loaded = try StationLoader.load(path: options.stations) } catch { fail("\(error)") }
    let index = StationIndex(loaded.stations)
    let queries = readQueries(options.queries)
    answer("ready")
    while let line = readLine() {
        let fields = line.split(separator: " ")
        guard fields.count == 2, let k = Int(fields[0]), k > 0 else { fail("serve: expected `K NEED`, got '\(line)'") }
        guard let filter = needFilter(fields[1]) else { fail("serve: unknown amenity '\(fields[1])'") }
        var checksum = 0
        let start = now()
        for query in queries { checksum &+= index.nearest(to: query, limit: k, filter: filter).count }
        let perQuery = Double(now() - start) / 1e3 / Double(queries.count)
        answer(String(format: "%.4f %d", perQuery, checksum))
    }
}

/// One line to the driver, written at once (print's buffer would hold it while the driver waits).
private func answer(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
