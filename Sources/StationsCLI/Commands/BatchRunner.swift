import ArgumentParser
import Dispatch
import Foundation
import StationKit

/// `near --batch`: one query per CSV row (`id,lat,lon[,need]`), answered on all cores, streamed out
/// in input order block by block. A bad row is answered with an error row, never dropped.
struct BatchRunner {
    let index: StationIndex
    let filter: StationFilter
    let limit: Int
    let maxDistance: Double?
    let format: NearFormat
    let strict: Bool
    /// Datum of the input points and of the positions written.
    let datum: Datum

    /// Rows answered between writes: big enough to keep both cores busy, small enough to stream.
    static let blockSize = 16_384
    /// Rows a worker answers and joins into one piece of output. Cores take chunks as they finish
    /// them, so a slow stretch of queries does not leave the other core waiting; and joining is
    /// done by the workers, leaving the main thread only the writes (on 2 cores every serial
    /// millisecond costs half its worth in scaling).
    static let chunkSize = 256

    typealias Row = BatchPoint

    func run(path: String, console: Console) throws {
        let rows: [Row]
        do {
            rows = try BatchPointReader.read([UInt8](InputFile.contents(of: path)), file: InputFile.displayName(path))
        } catch {
            throw error.reason == .missing ? CLIError.noInput("stations: \(error) (--batch)") : CLIError.data("stations: \(error)")
        }
        if strict, let bad = rows.first(where: { $0.error != nil }) {
            throw CLIError.data("stations: \(InputFile.displayName(path)), line \(bad.line): \(bad.error!)")
        }
        if format == .csv { console.out(StationCSVEncoder.row(Self.csvHeader)) }
        var done = 0
        for blockStart in stride(from: 0, to: rows.count, by: Self.blockSize) {
            let block = rows[blockStart..<min(blockStart + Self.blockSize, rows.count)]
            let chunkCount = (block.count + Self.chunkSize - 1) / Self.chunkSize
            let outputs = UnsafeMutableBufferPointer<String>.allocate(capacity: chunkCount)
            outputs.initialize(repeating: "")
            nonisolated(unsafe) let shared = outputs
            let runner = self
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let first = block.startIndex + chunk * Self.chunkSize
                var text = ""
                for i in first..<min(first + Self.chunkSize, block.endIndex) { text += runner.answer(block[i]) }
                shared[chunk] = text
            }
            for text in outputs { console.out(text) }
            outputs.deinitialize()
            outputs.deallocate()
            done += block.count
            if console.errorIsTerminal && rows.count > Self.blockSize {
                console.err("\rstations: \(done)/\(rows.count) queries answered")
            }
        }
        if console.errorIsTerminal && rows.count > Self.blockSize { console.err("\n") }
        let bad = rows.filter { $0.error != nil }.count
        if bad > 0 {
            console.err("stations: \(bad) of \(rows.count) batch rows could not be answered (see the error column; first: line \(rows.first { $0.error != nil }!.line))\n")
        }
    }

    static let csvHeader = ["query_id", "rank", "distance_m", "station_id", "station_name", "kind", "lat", "lon", "amenities", "error"]

    func answer(_ row: Row) -> String {
        guard let point = row.point else { return render(row, matches: []) }
        let rowFilter = StationFilter(need: filter.need.union(row.need), kinds: filter.kinds)
        let wgs84 = datum == .wgs84 ? point : point.converted(from: datum, to: .wgs84)
        return render(row, matches: index.nearest(to: wgs84, limit: limit, filter: rowFilter, maxDistance: maxDistance))
    }

    func render(_ row: Row, matches: [Match]) -> String {
        func coordinate(_ value: Double) -> String { JSONValue.formatNumber(value, places: StationJSON.coordinatePlaces) }
        let encoder = StationGeoJSONEncoder(datum: datum)
        switch format {
        case .json, .jsonl:
            let results: [JSONValue] = matches.enumerated().map { rank, match in
                let station = index.stations[match.index]
                return .object([
                    ("rank", .integer(rank + 1)),
                    ("distance_m", .number(match.distance, places: StationJSON.distancePlaces)),
                    ("id", .string(station.id)), ("name", .string(station.name)), ("kind", .string(station.kind.rawValue)),
                    ("lat", .number(encoder.position(of: station).latitude, places: StationJSON.coordinatePlaces)),
                    ("lon", .number(encoder.position(of: station).longitude, places: StationJSON.coordinatePlaces)),
                    ("amenities", .array(station.amenities.members.map { .string($0.rawValue) })),
                ])
            }
            return JSONValue.object([
                ("query_id", .string(row.id)),
                ("lat", row.point.map { .number($0.latitude, places: StationJSON.coordinatePlaces) } ?? .null),
                ("lon", row.point.map { .number($0.longitude, places: StationJSON.coordinatePlaces) } ?? .null),
                ("need", .array(filter.need.union(row.need).members.map { .string($0.rawValue) })),
                ("results", .array(results)),
                ("error", row.error.map(JSONValue.string) ?? .null),
            ]).rendered() + "\n"
        default:
            // A query without an answer still gets a row, so every input row is accounted for.
            guard !matches.isEmpty else { return StationCSVEncoder.row([row.id, "", "", "", "", "", "", "", "", row.error ?? "no match"]) }
            return matches.enumerated().map { rank, match in
                let station = index.stations[match.index]
                return StationCSVEncoder.row([row.id, "\(rank + 1)", JSONValue.formatNumber(match.distance, places: StationJSON.distancePlaces),
                                       station.id, station.name, station.kind.rawValue, coordinate(encoder.position(of: station).latitude),
                                       coordinate(encoder.position(of: station).longitude), station.amenities.description, ""])
            }.joined()
        }
    }
}
