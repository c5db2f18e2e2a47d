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

    struct Row {
        var line: Int
        var id: String
        var point: Coordinate?
        var need: AmenitySet
        var error: String?
    }

    func run(path: String, console: Console) throws {
        let rows = try readRows(path: path)
        if strict, let bad = rows.first(where: { $0.error != nil }) {
            throw CLIError.data("stations: \(path == "-" ? "<stdin>" : path), line \(bad.line): \(bad.error!)")
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

    /// Reads the batch file; structural problems are fatal, bad values become error rows.
    func readRows(path: String) throws -> [Row] {
        let name = path == "-" ? "<stdin>" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError.noInput("stations: \(path): no such file (--batch)")
            }
            data = contents
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw CLIError.data("stations: \(name): not UTF-8 text; convert it, e.g. iconv -f GB18030 -t UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        do {
            guard let header = try CSVTokenizer.header(of: text) else {
                throw CLIError.data("stations: \(name): empty; expected a header id,lat,lon[,need]")
            }
            let names = header.record.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            func column(_ options: [String]) -> Int? { names.firstIndex(where: options.contains) }
            guard let latColumn = column(["lat", "latitude", "纬度"]), let lonColumn = column(["lon", "lng", "longitude", "经度"]) else {
                throw CLIError.data("stations: \(name), line \(header.record.line): needs columns lat and lon (header id,lat,lon[,need]); found \(header.record.fields.joined(separator: ","))")
            }
            let idColumn = column(["id", "编号"])
            let needColumn = column(["need", "设施"])
            let headerCount = header.record.fields.count
            // Rows are tokenized and parsed on all cores: on a 100,000-row file this was most of a
            // batch's time.
            return try CSVTokenizer.mapRecordsOnAllCores(in: text, from: header.bodyStart, firstLine: header.bodyLine) { record in
                Self.row(record, headerCount: headerCount, latColumn: latColumn, lonColumn: lonColumn,
                         idColumn: idColumn, needColumn: needColumn)
            }
        } catch let error as CSVTokenizer.UnterminatedQuote {
            throw CLIError.data("stations: \(name), line \(error.line): a quoted field is never closed")
        }
    }

    /// One batch row from its record; a bad value becomes the row's error.
    static func row(_ record: CSVTokenizer.Record, headerCount: Int, latColumn: Int, lonColumn: Int,
                    idColumn: Int?, needColumn: Int?) -> Row {
        var row = Row(line: record.line, id: idColumn.flatMap { $0 < record.fields.count ? record.fields[$0] : nil } ?? "line-\(record.line)",
                      point: nil, need: [])
        guard record.fields.count == headerCount else {
            row.error = "line \(record.line) has \(record.fields.count) fields, the header \(headerCount)"
            return row
        }
        row.point = Self.point(latitude: record.fields[latColumn], longitude: record.fields[lonColumn])
        if row.point == nil {
            // The slow path only to explain what is wrong.
            do {
                row.point = try QueryPoint.parse("\(record.fields[latColumn]),\(record.fields[lonColumn])")
            } catch {
                row.error = "line \(record.line): \(error.message)"
            }
        }
        if let needColumn {
            do { row.need = try AmenitySet(parsingList: record.fields[needColumn]) } catch {
                row.error = "line \(record.line), field 'need': \(error)"
                row.point = nil
            }
        }
        return row
    }

    /// Plain decimal degrees in range, the common case; nil sends the row to the careful parser.
    static func point(latitude: String, longitude: String) -> Coordinate? {
        guard let lat = DecimalParsing.fastValue(latitude.trimmed()), let lon = DecimalParsing.fastValue(longitude.trimmed()),
              abs(lat) <= 90, abs(lon) <= 180 else { return nil }
        return Coordinate(latitude: lat, longitude: lon)
    }
}
