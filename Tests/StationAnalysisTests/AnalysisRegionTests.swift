import Foundation
import GEOSBridge
import Testing
@testable import StationAnalysis
@testable import StationKit

/// Where analysis regions come from: provinces, the whole country, boxes (in any datum), files.
@Suite struct AnalysisRegionTests {
    func temporaryGeoJSON(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "region-\(UUID().uuidString).geojson"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func provincesByAnyName() throws {
        for name in ["山西", "Shanxi", "CN-SX"] {  // each parses the embedded boundaries: a few only
            let region = try AnalysisRegion.resolve(name)
            #expect(region.name == "山西省" && region.parts.map(\.name) == ["山西省"])
        }
        let error = #expect(throws: RegionError.self) { try AnalysisRegion.resolve("Atlantis") }
        #expect(error?.description.contains("no province or file named 'Atlantis'") == true)
    }

    @Test func chinaHasEveryProvinceAsAPart() {
        let china = AnalysisRegion.china()
        #expect(china.parts.count == 34)
        #expect(china.parts.contains { $0.name == "香港特别行政区" })
        let box = china.boundingBox!
        #expect(box.west < 74 && box.east > 134 && box.north > 53)
    }

    @Test func boxesAreClosedCounterclockwiseAndReadInTheirDatum() throws {
        let box = BoundingBox(south: 37.7, west: 112.4, north: 38.0, east: 112.7)
        let wgs = AnalysisRegion.box(box)
        let ring = wgs.parts[0].polygons[0].exterior
        #expect(ring.first == ring.last && ring.count > 200, "sides every 0.005°")
        #expect(wgs.boundingBox == box)
        #expect(wgs.name == "box 112.4,37.7,112.7,38")
        // Drawn on Amap, the same numbers are a box a few hundred metres south-west in WGS84.
        let amap = AnalysisRegion.box(box, datum: .gcj02).boundingBox!
        #expect(amap.south < box.south && amap.west < box.west)
        #expect(abs(amap.south - box.south) < 0.01 && abs(amap.west - box.west) < 0.01)
        let corner = Coordinate(latitude: amap.south, longitude: amap.west).converted(from: .wgs84, to: .gcj02)
        #expect(abs(corner.latitude - box.south) < 1e-4 && abs(corner.longitude - box.west) < 1e-4)
    }

    @Test func fileFeaturesBecomeNamedParts() throws {
        let path = try temporaryGeoJSON("""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"迎泽区"},"geometry":{"type":"Polygon","coordinates":[[[112.5,37.8],[112.6,37.8],[112.6,37.9],[112.5,37.8]]]}},
            {"type":"Feature","properties":{"NAME":"Two"},"geometry":{"type":"MultiPolygon","coordinates":[[[[112,37],[112.1,37],[112.1,37.1],[112,37]]],[[[113,37],[113.1,37],[113.1,37.1],[113,37]]]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[111,36],[111.1,36],[111.1,36.1],[111,36]]]}}
            ]}
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let region = try AnalysisRegion.resolve(path)
        #expect(region.parts.map(\.name) == ["迎泽区", "Two", "feature 2"])
        #expect(region.parts.map(\.polygons.count) == [1, 2, 1])
        #expect(region.name == path)
    }

    @Test func singleFeatureOrGeometryIsNamedAfterTheFile() throws {
        let bare = try temporaryGeoJSON(#"{"type":"Polygon","coordinates":[[[112.5,37.8],[112.6,37.8],[112.6,37.9],[112.5,37.8]]]}"#)
        defer { try? FileManager.default.removeItem(atPath: bare) }
        let name = URL(fileURLWithPath: bare).deletingPathExtension().lastPathComponent
        #expect(try AnalysisRegion.resolve(bare).parts.map(\.name) == [name])
    }

    @Test func badFilesAreRefusedWithTheReason() throws {
        let bowTie = try temporaryGeoJSON(#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#)
        let point = try temporaryGeoJSON(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#)
        let text = try temporaryGeoJSON("not json")
        let empty = try temporaryGeoJSON(#"{"type":"FeatureCollection","features":[]}"#)
        defer { for path in [bowTie, point, text, empty] { try? FileManager.default.removeItem(atPath: path) } }
        let invalid = #expect(throws: RegionError.self) { try AnalysisRegion.resolve(bowTie) }
        #expect(invalid?.description.contains("Self-intersection") == true)
        let notPolygon = #expect(throws: RegionError.self) { try AnalysisRegion.resolve(point) }
        #expect(notPolygon?.description.contains("must be a Polygon or MultiPolygon, found Point") == true)
        #expect(notPolygon?.description.contains("feature 0") == true)
        let notJSON = #expect(throws: RegionError.self) { try AnalysisRegion.resolve(text) }
        #expect(notJSON?.description.contains("not JSON") == true)
        let nothing = #expect(throws: RegionError.self) { try AnalysisRegion.resolve(empty) }
        #expect(nothing?.description.contains("found an empty FeatureCollection") == true)
    }
}
