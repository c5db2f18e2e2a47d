import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI

/// The real `stations` binary: exit codes, streams, files, stdin, environment, batch.
@Suite struct BinaryEndToEndTests {
    static let badCSV = """
        id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator
        a1,好站,driver-home,37.91,112.51,shower;parking,,,,,,
        a2,坏纬度,driver-home,abc,112.5,shower,,,,,,
        a3,未知设施,outdoor-worker-station,37.92,112.52,showr,,,,,,

        """

    @Test func headlineCommandAnswersFromAnyDirectory() throws {
        // Run from / so nothing can come from the source tree: the data is embedded.
        let result = try runBinary(["near", "37.9,112.5", "--need", "shower", "--format", "json"], directory: URL(fileURLWithPath: "/"))
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let results = try #require(try jsonObject(result.stdout)["results"] as? [[String: Any]])
        let expected = expectedNearest(to: Coordinate(latitude: 37.9, longitude: 112.5), limit: 5, filter: StationFilter(need: [.shower]))
        #expect(results.map { ($0["station"] as? [String: Any])?["id"] as? String } == expected.map(\.id))
    }

    @Test func negativeLatitudeWorksWithTerminator() throws {
        let result = try runBinary(["near", "--limit", "1", "--format", "json", "--", "-33.86,151.2"])
        #expect(result.status == 0)
        let query = try #require(try jsonObject(result.stdout)["query"] as? [String: Any])
        #expect(query["lat"] as? Double == -33.86)
        let plain = try runBinary(["near", "-33.86,151.2", "--limit", "1", "--format", "json"])
        #expect(plain.status == 0)
        #expect(plain.stdout == result.stdout)
    }

    @Test func badRecordsAreSkippedWithASummaryOrFatalWhenStrict() throws {
        let path = try temporaryFile("registry.csv", Self.badCSV)
        let lenient = try runBinary(["near", "37.9,112.5", "--data", path, "--format", "csv"])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("a1"))
        #expect(lenient.stderr.contains("2 bad records skipped"))
        #expect(lenient.stderr.contains("\(path), line 3, field 'lat', value 'abc'"))
        let strict = try runBinary(["near", "37.9,112.5", "--data", path, "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stdout.isEmpty)
        #expect(strict.stderr.contains("line 3, field 'lat', value 'abc': latitude is not a number"))
        #expect(strict.stderr.contains("line 4, field 'amenities', value 'showr': unknown amenity 'showr' (did you mean 'shower'?)"))
    }

    @Test func exitCodesFollowSysexits() throws {
        #expect(try runBinary(["near", "37.9,112.5", "--data", "/no/such/file.csv"]).status == 66)
        #expect(try runBinary(["near", "37.9,112.5", "--need", "nonsense"]).status == 64)
        let notJSON = try temporaryFile("broken.geojson", "{\"type\": \"FeatureCollection\", \"features\": [")
        let broken = try runBinary(["near", "37.9,112.5", "--data", notJSON])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("broken.geojson: not valid JSON"))
    }

    @Test func dataFromStdinAndEnvironment() throws {
        let csv = "id,kind,lat,lon,amenities\nx,driver-home,10,20,shower\ny,driver-home,10.5,20,shower\n"
        let fromStdin = try runBinary(["near", "10.1,20", "--data", "-", "--format", "csv"], stdin: csv)
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] } == ["x", "y"])
        let path = try temporaryFile("env.csv", csv)
        let fromEnvironment = try runBinary(["near", "10.4,20", "--format", "csv"], environment: ["STATIONS_DATA": path])
        #expect(fromEnvironment.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] } == ["y", "x"])
    }

    @Test func batchAnswersEveryRowInOrder() throws {
        var rows = "id,lat,lon,need\n"
        var rng = SystemRandomNumberGenerator()
        var points: [(String, Coordinate, AmenitySet)] = []
        for i in 0..<300 {
            let point = Coordinate(latitude: Double.random(in: 20...45, using: &rng), longitude: Double.random(in: 100...122, using: &rng))
            let need: AmenitySet = i % 3 == 0 ? [.toilet] : []
            points.append(("p\(i)", point, need))
            rows += "p\(i),\(point.latitude),\(point.longitude),\(need.description)\n"
        }
        rows += "bad,north,112,\n"
        let path = try temporaryFile("points.csv", rows)
        let result = try runBinary(["near", "--batch", path, "--need", "shower", "--format", "jsonl"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 301)
        for (line, (id, point, need)) in zip(lines, points) {
            let json = try jsonObject(line)
            #expect(json["query_id"] as? String == id)
            let results = try #require(json["results"] as? [[String: Any]])
            let expected = expectedNearest(to: point, limit: 5, filter: StationFilter(need: need.union([.shower])))
            #expect(results.map { $0["id"] as? String } == expected.map(\.id))
        }
        let last = try jsonObject(lines[300])
        #expect((last["error"] as? String)?.contains("decimal degrees") == true)
        #expect(result.stderr.contains("1 of 301 batch rows could not be answered"))
    }
}
