import Foundation
import Testing
@testable import StationKit

/// Routes from GeoJSON and from points: what is accepted, how parts join, and the messages for
/// what is not.
@Suite struct RouteReadingTests {
    static let baotou = Coordinate(latitude: 40.657, longitude: 109.84)
    static let erenhot = Coordinate(latitude: 43.653, longitude: 111.977)

    @Test func everyGeometryShapeGivesItsLines() throws {
        let line = #"{"type":"LineString","coordinates":[[109.84,40.657],[110.43,41.69],[111.977,43.653,1050]]}"#
        let plain = try GeoJSONRouteReader.read(line, file: "r.geojson")
        #expect(plain.route.parts == [[Self.baotou, Coordinate(latitude: 41.69, longitude: 110.43), Self.erenhot]])
        #expect(plain.notices.isEmpty)
        let feature = #"{"type":"Feature","properties":{"name":"G208"},"geometry":"# + line + "}"
        #expect(try GeoJSONRouteReader.read(feature, file: "r").route.parts == plain.route.parts)
        let multi = #"{"type":"MultiLineString","coordinates":[[[109.84,40.657],[110.43,41.69]],[[110.5,41.7],[111.977,43.653]]]}"#
        #expect(try GeoJSONRouteReader.read(multi, file: "r").route.parts.count == 2)
        let collection = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[109.84,40.657]}},"#
            + feature + "," + #"{"type":"Feature","properties":{},"geometry":"# + multi + "}]}"
        let both = try GeoJSONRouteReader.read(collection, file: "r.geojson")
        #expect(both.route.parts.count == 3)
        #expect(both.notices == ["r.geojson: 1 Point geometry skipped (a route is made of its lines)"])
        let geometries = #"{"type":"GeometryCollection","geometries":["# + line + "," + multi + "]}"
        #expect(try GeoJSONRouteReader.read(geometries, file: "r").route.parts.count == 3)
    }

    @Test func gapsBetweenPartsCountInTheLengthButAreNotLegs() throws {
        let a = Coordinate(latitude: 40, longitude: 110), b = Coordinate(latitude: 40.1, longitude: 110)
        let c = Coordinate(latitude: 40.2, longitude: 110), d = Coordinate(latitude: 40.3, longitude: 110)
        let route = try Route(parts: [[a, b], [c, d]])
        #expect(route.segments.count == 2)
        #expect(abs(route.length - (a.geodesicDistance(to: b) + b.geodesicDistance(to: c) + c.geodesicDistance(to: d))) < 1e-6)
        #expect(route.segments[1].offset == a.geodesicDistance(to: b) + b.geodesicDistance(to: c))
        // A station beside the gap's middle is measured against the parts' ends, not the gap.
        let station = Station(id: "g", name: "g", kind: .driverHome, coordinate: Coordinate(latitude: 40.15, longitude: 110.01), amenities: [])
        let match = try #require(StationIndex([station]).along(route, within: 20_000).first)
        #expect(match.closestPoint == b || match.closestPoint == c)
        #expect(match.detour > 5_000)
    }

    @Test func crsNameOfTheFileWinsAndPositionsBecomeWGS84() throws {
        let gcj = Self.baotou.converted(from: .wgs84, to: .gcj02), gcj2 = Self.erenhot.converted(from: .wgs84, to: .gcj02)
        let text = #"{"type":"FeatureCollection","crs_name":"gcj02","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[["#
            + "\(gcj.longitude),\(gcj.latitude)],[\(gcj2.longitude),\(gcj2.latitude)]]}}]}"
        let reading = try GeoJSONRouteReader.read(text, file: "amap.geojson", datum: .wgs84)
        #expect(reading.datum == .gcj02)
        #expect(reading.route.parts[0][0].geodesicDistance(to: Self.baotou) < 0.001)
        #expect(reading.route.parts[0][1].geodesicDistance(to: Self.erenhot) < 0.001)
        let declared = #"{"type":"LineString","coordinates":[["# + "\(gcj.longitude),\(gcj.latitude)],[\(gcj2.longitude),\(gcj2.latitude)]]}"
        #expect(try GeoJSONRouteReader.read(declared, file: "r", datum: .gcj02).route.parts[0][0].geodesicDistance(to: Self.baotou) < 0.001)
    }

    @Test func badFilesAreNamedPrecisely() {
        let cases: [(String, String)] = [
            (#"{"type":"LineString","coordinates":[[109.84,40.657]"#, "r.geojson: not valid JSON: unexpected end of the text inside an array (line 1, column 52)"),
            (#"{"type":"Polygon","coordinates":[]}"#, "r.geojson: a Polygon is not a route; use a LineString or MultiLineString"),
            (#"{"type":"LineString","coordinates":[[109.84,40.657]]}"#, "r.geojson: a line needs at least two positions (found 1)"),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}"#,
             "r.geojson: feature 0: the feature has no geometry; a route needs a LineString or MultiLineString"),
            (#"{"type":"MultiLineString","coordinates":[[[109.84,40.657],[110,41]],[[110,41],[40.65,109.8]]]}"#,
             "r.geojson: line 1, position 1: [40.65,109.8]: latitude 109.8 is outside -90...90; GeoJSON positions are [longitude, latitude], and this one looks swapped"),
            (#"{"type":"LineString","coordinates":[[190,40],[110,41]]}"#, "r.geojson: position 0: [190,40]: longitude 190 is outside -180...180"),
            (#"{"type":"LineString","coordinates":[[109.84,"40.657"],[110,41]]}"#, #"r.geojson: position 0: [109.84,"40.657"] is not a position; write [longitude, latitude]"#),
            (#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#,
             "r.geojson: no LineString or MultiLineString found; a route is a line of at least two positions"),
            (#"{"type":"LineString","coordinates":[[0,10],[180,-10]]}"#,
             "r.geojson: points 1 and 2 are antipodal; the route between them is undefined (add a point in between)"),
            (#"{"type":"LineString","coordinates":[[0,10],[1,10]],"crs_name":"mars2000"}"#, "r.geojson: unknown \"crs_name\" 'mars2000'; use wgs84, gcj02 or bd09"),
        ]
        for (text, message) in cases {
            #expect(throws: RouteError(message), "\(text)") { try GeoJSONRouteReader.read(text, file: "r.geojson") }
        }
    }

    @Test func routesNeedTwoValidPointsPerPart() {
        #expect(throws: RouteError("a route needs at least two points")) { try Route(parts: []) }
        #expect(throws: RouteError("a line needs at least two points (found 1)")) { try Route(parts: [[Self.baotou]]) }
        #expect(throws: RouteError("part 2, a line needs at least two points (found 1)")) { try Route(parts: [[Self.baotou, Self.erenhot], [Self.baotou]]) }
        #expect(throws: RouteError("point 2 (95.0,10.0) is not a valid latitude,longitude")) {
            try Route(parts: [[Self.baotou, Coordinate(latitude: 95, longitude: 10)]])
        }
        // Repeated points are legs of length zero, not errors.
        #expect(throws: Never.self) { try Route(parts: [[Self.baotou, Self.baotou, Self.erenhot]]) }
    }
}
