import Foundation
import Testing
@testable import StationAnalysis
@testable import StationKit
@testable import StationsCLI

/// `stations areas` end to end: the table, the GeoJSON features, datum, determinism, atomic writes.
@Suite struct AreasCommandTests {
    static let taiyuan = ["areas", "--bbox", "112.4,37.7,112.7,38.0"]

    @Test func tableForTheTaiyuanBox() throws {
        let output = try runInProcess(Self.taiyuan).output
        let inBox = defaultStations.filter { BoundingBox(south: 37.7, west: 112.4, north: 38, east: 112.7).contains($0.coordinate) }
        #expect(output.hasPrefix("Service areas of \(inBox.count) stations in box 112.4,37.7,112.7,38: "))
        #expect(output.contains("box 112.4,37.7,112.7,38     879.2        \(inBox.count)"))
        #expect(output.contains("Largest service areas:\n#    km²  id"))
    }

    @Test func featuresCarryTheStationAndItsArea() throws {
        let directory = (try temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        let path = directory + "/areas.geojson", again = directory + "/again.geojson"
        let run = try runInProcess(Self.taiyuan + ["--kind", "outdoor-worker-station", "-o", path])
        _ = try runInProcess(Self.taiyuan + ["--kind", "outdoor-worker-station", "-o", again])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == (try String(contentsOfFile: again, encoding: .utf8)), "two runs, one file")
        let json = try jsonObject(text)
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(run.errors.contains("\(features.count) service areas written to \(path) (wgs84)"))
        let byID = Dictionary(uniqueKeysWithValues: defaultStations.map { ($0.id, $0) })
        var total = 0.0
        for feature in features {
            let id = try #require(feature["id"] as? String)
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties["id"] as? String == id)
            #expect(properties["kind"] as? String == "outdoor-worker-station" && properties["kind_zh"] as? String == "户外劳动者服务站点")
            #expect(properties["name"] as? String == byID[id]?.name)
            #expect(properties["shared_with"] as? [String] == [])
            total += try #require(properties["area_km2"] as? Double)
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(["Polygon", "MultiPolygon"].contains(geometry["type"] as? String))
        }
        #expect(abs(total - 879.2) < 0.1, "the cells tile the box: \(total) km²")
        #expect(features.compactMap { $0["id"] as? String } == features.compactMap { $0["id"] as? String }.sorted())
    }

    @Test func gcj02OnStandardOutput() throws {
        let run = try runInProcess(Self.taiyuan + ["--crs", "gcj02", "-o", "-"])
        let json = try jsonObject(run.output)
        #expect(json["crs_name"] as? String == "gcj02")
        #expect(run.errors.contains("Service areas of"), "the table moves to standard error")
        let bbox = try #require(json["bbox"] as? [Double])
        for (value, expected) in zip(bbox, [112.4, 37.7, 112.7, 38.0]) { #expect(abs(value - expected) < 2e-6, "\(bbox)") }
    }

    @Test func binaryWritesAtomically() throws {
        let directory = (try temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        let target = directory + "/areas.geojson"
        let ok = try runBinary(Self.taiyuan + ["--need", "shower", "-o", target])
        #expect(ok.status == 0 && ok.stdout.contains("Service areas of"))
        let failed = try runBinary(["areas", "--region", "Atlantis", "-o", target])
        #expect(failed.status == 64)
        let missingFolder = try runBinary(Self.taiyuan + ["-o", directory + "/no/such/folder/areas.geojson"])
        #expect(missingFolder.status == 74)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["areas.geojson", "placeholder"])
    }
}
