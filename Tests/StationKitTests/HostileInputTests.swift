import Foundation
import Testing
import TestSupport
@testable import StationKit

/// Generated pathological inputs: each must give a clear error (or the records that can be read),
/// never a crash, a hang or memory out of proportion to the input. The fuzz targets (Fuzz/) search
/// for more such inputs; these are the ones we know to be dangerous, kept in the suite.
@Suite struct HostileInputTests {
    static let header = "id,name,kind,lat,lon,amenities"
    static let goodRow = "ok-1,迎泽区工会驿站,outdoor-worker-station,37.86,112.56,toilet"

    /// Writes `bytes` to a temporary file and loads it as a user's file is loaded.
    static func load(_ bytes: [UInt8], named name: String) throws(DataFileError) -> LoadResult {
        let path = NSTemporaryDirectory() + "hostile-\(UUID().uuidString)-\(name)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try StationLoader.load(path: path)
    }

    static func fileError(_ body: () throws -> Void) -> DataFileError? {
        do { try body() } catch let error as DataFileError { return error } catch { return nil }
        return nil
    }

    // MARK: - JSON nesting

    @Test(arguments: ["[", "{\"a\":"])
    func aMillionLevelsOfNestingIsAnErrorNotAStackOverflow(_ opener: String) throws {
        let closer = opener == "[" ? "]" : "}"
        let depth = 1_000_000
        let text = String(repeating: opener, count: depth) + (opener == "[" ? "" : "1") + String(repeating: closer, count: depth)
        let error = try #require(Self.fileError { _ = try Self.load(Array(text.utf8), named: "deep.geojson") })
        #expect(error.reason == .unreadable)
        #expect(error.message.contains("nested more than 512 deep"))
        #expect(error.message.contains("line 1, column"))
    }

    /// A feature whose property value is nested `levels` deep.
    static func featureCollection(propertyNestedIn levels: Int) -> String {
        #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[112.5,37.9]},"#
            + #""properties":{"id":"deep","kind":"driver-home","note":"# + String(repeating: "[", count: levels)
            + String(repeating: "]", count: levels) + "}}]}"
    }

    @Test func nestingUpToTheLimitIsReadAndOneMoreIsNot() throws {
        // The feature's object and its properties are two levels; the limit counts from the feature.
        let deepest = JSONParser.maxDepth - 2
        let read = try GeoJSONStationReader.read(Self.featureCollection(propertyNestedIn: deepest), file: "f.geojson")
        #expect(read.stations.map(\.id) == ["deep"])
        let error = try #require(Self.fileError {
            _ = try GeoJSONStationReader.read(Self.featureCollection(propertyNestedIn: deepest + 1), file: "f.geojson")
        })
        #expect(error.message.contains("nested more than \(JSONParser.maxDepth) deep"))
    }

    @Test func aDeeplyNestedRouteIsAnError() {
        let depth = 1_000_000
        let text = #"{"type":"FeatureCollection","features":"# + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "}"
        let error = #expect(throws: RouteError.self) { try GeoJSONRouteReader.read(text, file: "route.geojson") }
        #expect(error?.message.contains("nested more than 512 deep") == true)
    }

    // MARK: - CSV fields and lines

    @Test func aTwoHundredMegabyteLineIsOneBadRecordAndTheRestIsRead() throws {
        var bytes = Array((Self.header + "\n").utf8)
        bytes += Array("big,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 200 << 20)
        bytes += Array(",driver-home,37.9,112.5,\n".utf8)
        bytes += Array((Self.goodRow + "\n").utf8)
        let result = try Self.load(bytes, named: "long-line.csv")
        #expect(result.stations.map(\.id) == ["ok-1"])
        try #require(result.errors.count == 1)
        let error = result.errors[0]
        #expect(error.location == .line(2))
        #expect(error.field == "name")
        #expect(error.message.contains("field 2 holds \(200 << 20) bytes"))
        #expect(result.unsplitRecords.map(\.location) == [.line(2)])
    }

    @Test func millionsOfFieldsOnOneLineAreOneBadRecord() throws {
        let fields = 5_000_000
        var bytes = Array((Self.header + "\n").utf8)
        bytes += [UInt8](repeating: UInt8(ascii: ","), count: fields - 1) + [UInt8(ascii: "\n")]
        bytes += Array((Self.goodRow + "\n").utf8)
        let result = try Self.load(bytes, named: "commas.csv")
        #expect(result.stations.map(\.id) == ["ok-1"])
        try #require(result.errors.count == 1)
        #expect(result.errors[0].message.contains("has \(fields) fields, more than the \(CSVTokenizer.maxFields)"))
    }

    @Test func aFieldOfMillionsOfQuotesIsOneBadRecord() throws {
        let quotes = String(repeating: "\"\"", count: 2_000_000)
        let text = Self.header + "\n" + "q,\"\(quotes)\",driver-home,37.9,112.5,\n" + Self.goodRow + "\n"
        let result = try CSVStationReader.read(text, file: "quotes.csv")
        #expect(result.stations.map(\.id) == ["ok-1"])
        try #require(result.errors.count == 1)
        #expect(result.errors[0].message.contains("field 2 holds 2000000 bytes"))
    }

    /// Found by the random-bytes test: a bare carriage return after a closing quote was taken for
    /// a line end, which ate the next byte and numbered every later line one too high.
    @Test func aCarriageReturnAfterAQuoteIsText() throws {
        let records = try CSVTokenizer.records(in: "x,\"a\"\rb,c\nd,e,f\r\n\"g\"\r")
        #expect(records.map(\.fields) == [["x", "a\rb", "c"], ["d", "e", "f"], ["g"]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func aFieldAtTheLimitIsRead() throws {
        let name = String(repeating: "x", count: CSVTokenizer.maxFieldBytes)
        let text = Self.header + "\n" + "edge,\(name),driver-home,37.9,112.5,\n" + "over,\(name)y,driver-home,37.9,112.5,\n"
        let result = try CSVStationReader.read(text, file: "edge.csv")
        #expect(result.stations.map(\.name) == [name])
        #expect(result.errors.map(\.location) == [.line(3)])
    }

    @Test func aHeaderBeyondTheLimitsIsAFileError() throws {
        let text = String(repeating: "x", count: CSVTokenizer.maxFieldBytes + 1) + ",kind,lat,lon\n" + Self.goodRow + "\n"
        let error = try #require(Self.fileError { _ = try CSVStationReader.read(text, file: "h.csv") })
        #expect(error.message.hasPrefix("line 1, the header: field 1 holds"))
    }

    @Test func quotedValuesInMessagesAreCut() throws {
        let long = String(repeating: "坏", count: 10_000)  // 30,000 bytes: under the field limit
        let text = Self.header + "\n" + "bad,名称,\(long),37.9,112.5,\n"
        let error = try #require(try CSVStationReader.read(text, file: "k.csv").errors.first)
        let value = try #require(error.value)
        #expect(value.utf8.count < RecordError.quotedValueLimit + 40)
        #expect(value.hasSuffix("… (30000 bytes in all)"))
        #expect(value.hasPrefix("坏坏坏"), "cut between characters")
    }

    // MARK: - Random bytes

    /// Whatever the bytes, the loader either refuses the file as a whole, naming it, or reads it
    /// into stations that are all valid and errors that all name the file and a line inside it.
    @Test func randomBytesGiveAFileErrorOrSoundRecords() throws {
        var rng = SeededGenerator(seed: 0xBAD_B17E5)
        var refused = 0, read = 0
        for round in 0..<300 {
            let length = Int.random(in: 0...4_096, using: &rng)
            // Some rounds are random text in the format's own alphabet, which gets further in.
            let alphabet = Array("id,name,kind,lat,lon\n\"\r 0123456789.-;{}[]:驿站")
            var bytes: [UInt8] = round % 2 == 0 ? (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                : Array(String((0..<length / 2).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }).utf8)
            if round % 4 == 1 { bytes = Array("id,name,kind,lat,lon\n".utf8) + bytes }
            let name = round % 3 == 0 ? "r\(round).geojson" : "r\(round).csv"
            do {
                let result = try Self.load(bytes, named: name)
                read += 1
                let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
                for station in result.stations { #expect(station.coordinate.isValid) }
                for error in result.errors {
                    #expect(error.file.hasSuffix(name))
                    if case .line(let line) = error.location { #expect((1...lines).contains(line)) }
                }
            } catch {
                refused += 1
                #expect(error.file.hasSuffix(name))
                #expect(!error.message.isEmpty)
            }
        }
        #expect(refused > 0 && read > 0, "both outcomes were exercised")
    }

    // MARK: - Opening hours

    @Test func openingHoursBeyondTheLimitAreRefusedWithoutParsing() throws {
        let long = String(repeating: "Mo-Fr 08:00-18:00; ", count: 200)
        #expect(long.utf8.count > OpeningHours.maxLength)
        let error = #expect(throws: OpeningHoursError.self) { try OpeningHours(parsing: long) }
        #expect(error?.message.contains("more than the \(OpeningHours.maxLength) read") == true)
        #expect(throws: Never.self) { try OpeningHours(parsing: "Mo-Fr 08:00-18:00") }
    }

    // MARK: - Batch points

    @Test func batchRowsBeyondTheLimitsBecomeErrorRows() throws {
        let long = String(repeating: "9", count: CSVTokenizer.maxFieldBytes + 1)
        let text = "id,lat,lon\na,37.9,112.5\nb,\(long),112.5\nc,95,112.5\n"
        let rows = try BatchPointReader.read(Array(text.utf8), file: "p.csv")
        #expect(rows.map(\.id) == ["a", "b", "c"])
        #expect(rows[0].point == Coordinate(latitude: 37.9, longitude: 112.5))
        #expect(rows[1].point == nil)
        #expect(rows[1].error?.hasPrefix("line 3: field 2 holds") == true)
        #expect(rows[2].error == "line 4: latitude 95 is outside -90...90")
    }

    @Test func aBatchFileThatCannotBeReadIsAFileError() {
        let cases: [(String, String)] = [
            ("id,lat,lon\na,\"37.9,112.5\n", "line 2: a quoted field is never closed"),
            ("", "empty"),
            ("id,x,y\n1,2,3\n", "needs columns lat and lon"),
        ]
        for (text, expected) in cases {
            let error = Self.fileError { _ = try BatchPointReader.read(Array(text.utf8), file: "p.csv") }
            #expect(error?.message.contains(expected) == true, "\(text)")
        }
        let notUTF8 = Self.fileError { _ = try BatchPointReader.read([0x69, 0x64, 0xFF, 0xFE, 0x0A], file: "p.csv") }
        #expect(notUTF8?.message.contains("not UTF-8") == true)
    }
}
