import StationAnalysis
import StationKit
import Testing

/// A FeatureCollection of the given features, each `(properties JSON, geometry JSON)`.
private func collection(_ features: [(properties: String, geometry: String)]) -> String {
    let body = features.map { #"{"type":"Feature","properties":\#($0.properties),"geometry":\#($0.geometry)}"# }
    return #"{"type":"FeatureCollection","features":[\#(body.joined(separator: ","))]}"#
}

private let squareA = (#"{"name_zh":"甲省","name_en":"Jia","iso_3166_2":"XX-A"}"#,
                       #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"#)
/// A triangle whose bounding box covers points outside it, so the prepared test must reject them.
private let triangleB = (#"{"name_zh":"乙省","name_en":"Yi","iso_3166_2":"XX-B"}"#,
                         #"{"type":"MultiPolygon","coordinates":[[[[2,0],[4,0],[2,2],[2,0]]]]}"#)

struct ProvinceBoundariesErrorTests {
    @Test func boundingBoxIsOnlyAPrefilter() throws {
        let boundaries = try ProvinceBoundaries(geoJSON: collection([squareA, triangleB]))
        func name(_ latitude: Double, _ longitude: Double) -> String? {
            boundaries.province(containing: Coordinate(latitude: latitude, longitude: longitude))?.nameZh
        }
        #expect(name(0.5, 0.5) == "甲省")
        #expect(name(0.5, 2.5) == "乙省")
        #expect(name(1.9, 3.9) == nil, "inside the triangle's box, outside the triangle")
        #expect(name(0.5, 1.5) == nil)
        #expect(name(0.5, 1) == "甲省", "on the border")
    }

    @Test func invalidOutlineNamesFeatureProvinceAndGEOSReason() {
        let bowTie = (#"{"name_zh":"丙省","name_en":"Bing","iso_3166_2":"XX-C"}"#,
                      #"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#)
        let error = #expect(throws: ProvinceBoundariesError.self) {
            try ProvinceBoundaries(geoJSON: collection([squareA, bowTie]), source: "test.geojson")
        }
        guard case .invalidGeometry(let source, let index, let province, let reason)? = error else {
            Issue.record("expected invalidGeometry, got \(String(describing: error))")
            return
        }
        #expect(source == "test.geojson")
        #expect(index == 1)
        #expect(province == "丙省")
        #expect(reason.contains("Self-intersection"))
        #expect(error?.description.contains("feature 1 (丙省)") == true)
    }

    @Test func missingPropertyAndWrongGeometryAreBadFeatures() {
        let nameless = (#"{"name_en":"Ding","iso_3166_2":"XX-D"}"#, squareA.1)
        let missing = #expect(throws: ProvinceBoundariesError.self) { try ProvinceBoundaries(geoJSON: collection([nameless])) }
        #expect(missing == .badFeature(source: "<GeoJSON text>", index: 0, province: "Ding",
                                       message: "property 'name_zh' is missing or empty"))

        let point = (squareA.0, #"{"type":"Point","coordinates":[1,2]}"#)
        let wrong = #expect(throws: ProvinceBoundariesError.self) { try ProvinceBoundaries(geoJSON: collection([squareA, point])) }
        guard case .badFeature(_, 1, "甲省", _)? = wrong else {
            Issue.record("expected badFeature at index 1, got \(String(describing: wrong))")
            return
        }
    }

    @Test func unreadableInputs() {
        #expect(throws: ProvinceBoundariesError.self) { try ProvinceBoundaries(geoJSON: "{") }
        #expect(throws: ProvinceBoundariesError.self) { try ProvinceBoundaries(geoJSON: #"{"type":"Feature"}"#) }
        let missingFile = #expect(throws: ProvinceBoundariesError.self) {
            try ProvinceBoundaries(contentsOf: provincesFile.appendingPathExtension("missing"))
        }
        guard case .unreadable? = missingFile else {
            Issue.record("expected unreadable, got \(String(describing: missingFile))")
            return
        }
    }
}
