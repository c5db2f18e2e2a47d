import Foundation
import GEOSBridge
import Testing
@testable import StationAnalysis
@testable import StationKit
@testable import StationsCLI

/// `stations coverage` end to end: the table, JSON, the gaps file (structure, winding, datum,
/// determinism, atomic writes) and the usage errors.
@Suite struct CoverageCommandTests {
    static let taiyuan = ["coverage", "--radius", "1km", "--bbox", "112.4,37.7,112.7,38.0"]

    @Test func tableForTheTaiyuanBox() throws {
        let output = try runInProcess(Self.taiyuan).output
        #expect(output.hasPrefix("Coverage of box 112.4,37.7,112.7,38 within 1 km of a station: "))
        #expect(output.contains("region                   area km²  stations  covered km²  covered  uncovered km²"))
        let report = try CoverageAnalysis(radius: 1_000).run(defaultStations, in: .box(BoundingBox(south: 37.7, west: 112.4, north: 38, east: 112.7)))
        #expect(output.contains(CoverageOutput.percent(report.total.share)))
        #expect(output.contains(CoverageOutput.kilometres(report.total.covered)))
        #expect(output.contains("Lambert azimuthal equal-area centred at 37.85°N 112.55°E"))
    }

    @Test func jsonCarriesTheNumbers() throws {
        let json = try jsonObject(try runInProcess(Self.taiyuan + ["--format", "json", "--need", "toilet"]).output)
        #expect(json["schema"] as? String == "stations.coverage/1")
        #expect(json["need"] as? [String] == ["toilet"])
        let total = try #require(json["total"] as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 1)
        let area = try #require(total["area_km2"] as? Double), covered = try #require(total["covered_km2"] as? Double)
        #expect(abs(area - 879.2) < 0.1)
        #expect(abs((total["share"] as? Double ?? -1) - covered / area) < 1e-5)
    }

    @Test func nationalTableHasAProvinceRowsAndATotal() throws {
        let output = try runInProcess(["coverage", "--radius", "20km", "--kind", "driver-home"]).output
        #expect(output.contains("Coverage of China (34 province-level units) within 20 km of a station of kind driver-home"))
        #expect(output.contains("\n山西省 ") && output.contains("\n香港特别行政区 ") && output.contains("\ntotal "))
    }

    /// The gaps file: RFC 7946 structure and winding, in the datum asked for, byte-identical across runs.
    @Test func gapsFile() throws {
        let directory = (try temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        let path = directory + "/gaps.geojson", again = directory + "/again.geojson"
        let run = try runInProcess(Self.taiyuan + ["-o", path])
        #expect(run.errors.contains("gaps of 1 region written to \(path) (wgs84)"))
        #expect(run.output.contains("covered"), "the table still goes to standard output")
        _ = try runInProcess(Self.taiyuan + ["-o", again])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == (try String(contentsOfFile: again, encoding: .utf8)), "two runs, one file")

        let json = try jsonObject(text)
        #expect(json["type"] as? String == "FeatureCollection" && json["crs_name"] as? String == "wgs84")
        #expect(json["bbox"] as? [Double] == [112.4, 37.7, 112.7, 38])
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 1)
        let properties = try #require(features[0]["properties"] as? [String: Any])
        #expect(properties["name"] as? String == "box 112.4,37.7,112.7,38" && properties["radius_m"] as? Double == 1000)
        let geometry = try #require(features[0]["geometry"] as? [String: Any])
        let polygons: [[[[Double]]]]
        switch geometry["type"] as? String {
        case "MultiPolygon": polygons = try #require(geometry["coordinates"] as? [[[[Double]]]])
        default: polygons = [try #require(geometry["coordinates"] as? [[[Double]]])]
        }
        for polygon in polygons {
            for (r, ring) in polygon.enumerated() {
                #expect(ring.count >= 4 && ring.first == ring.last)
                let signed = PolygonGeoJSON.doubleSignedArea(ring.map { Coordinate(latitude: $0[1], longitude: $0[0]) })
                #expect(r == 0 ? signed > 0 : signed < 0, "exteriors counterclockwise, holes clockwise")
                for position in ring {
                    // 7 decimals at most.
                    #expect(abs(position[0] * 1e7 - (position[0] * 1e7).rounded()) < 1e-3)
                }
            }
        }
        // Every hole is a station's circle: a gap around each station in the box.
        #expect(polygons.reduce(0) { $0 + $1.count - 1 } > 10)
    }

    @Test func gapsInGCJ02AndOnStandardOutput() throws {
        let run = try runInProcess(Self.taiyuan + ["--crs", "gcj02", "-o", "-"])
        let json = try jsonObject(run.output)
        #expect(json["crs_name"] as? String == "gcj02")
        #expect(run.errors.contains("Coverage of box"), "the table moves to standard error")
        // The box was drawn in GCJ-02: written back in GCJ-02 its corners are where they were drawn.
        let bbox = try #require(json["bbox"] as? [Double])
        for (value, expected) in zip(bbox, [112.4, 37.7, 112.7, 38.0]) { #expect(abs(value - expected) < 2e-6, "\(bbox)") }
    }

    @Test func usageErrors() throws {
        func message(_ arguments: [String]) -> String {
            do {
                _ = try runInProcess(["coverage"] + arguments)
                return "(ran)"
            } catch {
                return StationsCommand.message(for: error)
            }
        }
        #expect(message([]).contains("--radius"))
        #expect(message(["--radius", "0m"]).contains("more than 0 and at most 200km"))
        #expect(message(["--radius", "1000"]).contains("needs a unit"))
        #expect(message(["--radius", "1km", "--region", "山西", "--bbox", "1,2,3,4"]).contains("give --region or --bbox, not both"))
        #expect(message(["--radius", "1km", "--bbox", "112.7,37.7,112.4,38"]).contains("WEST must be less than EAST"))
        #expect(message(["--radius", "1km", "--need", "showr"]).contains("did you mean 'shower'"))
        #expect(throws: CLIError.self) { try runInProcess(["coverage", "--radius", "1km", "--region", "Atlantis"]) }
    }

    @Test func binaryWritesAtomically() throws {
        let directory = (try temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        let target = directory + "/gaps.geojson"
        let ok = try runBinary(Self.taiyuan + ["-o", target])
        #expect(ok.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["gaps.geojson", "placeholder"])
        let failed = try runBinary(["coverage", "--radius", "1km", "--region", "Atlantis", "-o", target])
        #expect(failed.status == 64 && failed.stderr.contains("no province or file named 'Atlantis'"))
        let missingFolder = try runBinary(Self.taiyuan + ["-o", directory + "/no/such/folder/gaps.geojson"])
        #expect(missingFolder.status == 74)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["gaps.geojson", "placeholder"])
    }
}
