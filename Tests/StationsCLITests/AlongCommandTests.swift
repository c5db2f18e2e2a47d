import ArgumentParser
import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI

/// `stations along`: answers against brute force on the embedded data, every format, opening
/// hours, --every, datums, route files and their errors, exit codes and atomic files.
@Suite struct AlongCommandTests {
    /// 包头 → 固阳 → 百灵庙 → 二连浩特, past the two driver homes of the seed articles.
    static let baotouErenhot = "40.657,109.840;41.03,110.05;41.69,110.43;43.653,111.977"

    struct Expected: Equatable { var id: String; var km: Double; var detour: Double }

    /// Every station against every leg (no grid, no pieces), with the per-leg closest point of the
    /// library (checked against an independent oracle in StationKitTests), sorted by mark, detour, id.
    static func bruteForce(_ stations: [Station], route: Route, width: Double, filter: StationFilter) -> [Expected] {
        var found: [Expected] = []
        for station in stations where filter.accepts(station) {
            let p = station.coordinate.vector
            var best: (detour: Double, along: Double)?
            for leg in route.segments {
                let sphere = leg.sphereFoot(of: p).foot
                let point = leg.coordinate(of: sphere)
                let nearest = leg.nearestPoint(to: station.coordinate, p, from: sphere, at: point,
                                               detour: station.coordinate.geodesicDistance(to: point))
                let candidate = (nearest.detour, leg.distanceAlong(nearest.foot, at: nearest.point))
                if best == nil || candidate < best! { best = candidate }
            }
            if let best, best.detour <= width { found.append(Expected(id: station.id, km: best.along / 1000, detour: best.detour)) }
        }
        return found.sorted { ($0.km, $0.detour, $0.id) < ($1.km, $1.detour, $1.id) }
    }

    static func inlineRoute(_ points: [Coordinate]) -> String {
        points.map { "\($0.latitude),\($0.longitude)" }.joined(separator: ";")
    }

    static func results(_ output: String) throws -> [[String: Any]] {
        try #require(try jsonObject(output)["results"] as? [[String: Any]])
    }

    static func id(_ result: [String: Any]) -> String? { (result["station"] as? [String: Any])?["id"] as? String }

    @Test func jsonAnswersEqualBruteForceOnRandomRoutes() throws {
        var rng = SplitMix(state: 91)
        let cities = defaultStations.map(\.coordinate)
        var compared = 0
        for round in 0..<12 {
            var points = [cities.randomElement(using: &rng)!]
            for _ in 0..<Int.random(in: 1...4, using: &rng) { points.append(cities.randomElement(using: &rng)!) }
            let route = try Route(parts: [points])
            let width = [500.0, 5_000, 30_000].randomElement(using: &rng)!
            let need: AmenitySet = Bool.random(using: &rng) ? [] : [[.shower], [.toilet], [.parking, .meals]].randomElement(using: &rng)!
            let kinds: Set<Kind> = Bool.random(using: &rng) ? [] : [Kind.allCases.randomElement(using: &rng)!]
            var arguments = ["along", Self.inlineRoute(points), "--within", "\(width)m", "--format", "json"]
            for tag in need.members { arguments += ["--need", tag.rawValue] }
            for kind in kinds { arguments += ["--kind", kind.rawValue] }
            let got = try Self.results(try runInProcess(arguments).output)
            let expected = Self.bruteForce(defaultStations, route: route, width: width, filter: StationFilter(need: need, kinds: kinds))
            #expect(got.map(Self.id) == expected.map(\.id), "round \(round): \(arguments)")
            for (result, oracle) in zip(got, expected) {
                #expect(abs((result["km"] as? Double ?? -1) - oracle.km) <= 0.0005 + 1e-9)
                #expect(abs((result["detour_m"] as? Double ?? -1) - oracle.detour) <= 0.05 + 1e-9)
            }
            #expect(got.map { $0["rank"] as? Int } == got.indices.map { $0 + 1 })
            compared += got.count
        }
        #expect(compared > 50)
    }

    @Test func tableStatesRouteCorridorAndFilters() throws {
        let run = try runInProcess(["along", Self.baotouErenhot, "--kind", "司机之家", "--need", "淋浴", "--within", "20km"])
        let lines = run.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Route inline: 4 points, 377.2 km. Corridor 20 km; kind driver-home; need shower (淋浴).")
        #expect(lines[1] == "2 stations along the route among \(defaultStations.count) stations")
        #expect(lines[3].hasPrefix("#") && lines[3].contains("km") && lines[3].contains("detour") && lines[3].contains("address"))
        #expect(lines[4].contains("stn-NM-000002") && lines[4].contains("[shower]"))
        #expect(lines[5].contains("stn-NM-000001") && lines[5].contains("376.3"))
        #expect(run.output.contains("[tag] = what you asked for"))
        #expect(run.errors.isEmpty)
    }

    @Test func everyPicksOnePerStretchAndNamesTheEmptyOnes() throws {
        let output = try runInProcess(["along", Self.baotouErenhot, "--within", "30km", "--every", "100km", "--format", "json"]).output
        let json = try jsonObject(output)
        let stretches = try #require(json["stretches"] as? [[String: Any]])
        #expect(stretches.map { $0["from_km"] as? Double } == [0, 100, 200, 300])
        #expect(stretches.last?["to_km"] as? Double == 377.192)
        let route = try Route(parts: [RouteArgument.parseInline(Self.baotouErenhot)])
        let all = Self.bruteForce(defaultStations, route: route, width: 30_000, filter: StationFilter())
        for (number, stretch) in stretches.enumerated() {
            let inside = all.filter { min(Int($0.km / 100), 3) == number }
            let best = inside.min { ($0.detour, $0.km, $0.id) < ($1.detour, $1.km, $1.id) }
            #expect(stretch["station_id"] as? String == best?.id, "stretch \(number)")
        }
        let results = try Self.results(output)
        #expect(results.map(Self.id) == stretches.compactMap { $0["station_id"] as? String })
        #expect(results.map { $0["stretch"] as? Int } == stretches.indices.filter { stretches[$0]["station_id"] is String })
        let table = try runInProcess(["along", Self.baotouErenhot, "--kind", "driver-home", "--within", "20km", "--every", "100km"]).output
        #expect(table.contains("one station per 100 km"))
        #expect(table.contains("No station in the stretches 100–200 km, 200–300 km"))
        #expect(table.contains("300–377.2 km"))
    }

    /// Six stations beside a 111 km route along the meridian 110°E (km ≈ (lat − 40) × 111): open
    /// day and night, open by day, open by night, and three ways of unknown hours.
    static let hoursCSV = """
        id,name,kind,lat,lon,amenities,opening_hours
        h1,全天,driver-home,40.10,110.002,shower,24/7
        h2,白天,driver-home,40.15,110.001,shower,Mo-Su 08:00-18:00
        h3,没写,driver-home,40.30,110.001,shower,
        h4,未知,driver-home,40.55,110.001,shower,unknown
        h5,夜班,driver-home,40.60,110.0005,shower,Mo-Su 20:00-06:00
        h6,预约,driver-home,40.95,110.001,shower,"\"by appointment\""

        """

    @Test func openAtListsOpenThenUnknownAndDropsClosed() throws {
        let data = try temporaryFile("hours.csv", Self.hoursCSV)
        let route = "40,110;41,110"
        let night = try runInProcess(["along", route, "--data", data, "--open-at", "2026-11-21T22:00", "--format", "json"])
        let json = try jsonObject(night.output)
        let results = try Self.results(night.output)
        #expect(results.map(Self.id) == ["h1", "h5", "h3", "h4", "h6"])
        #expect(results.map { $0["open"] as? Bool } == [true, true, nil, nil, nil])
        #expect(results.allSatisfy { $0.keys.contains("open") })
        #expect(json["closed_left_out"] as? Int == 1)
        #expect((json["query"] as? [String: Any])?["open_at"] as? String == "2026-11-21T22:00:00+08:00")
        let table = try runInProcess(["along", route, "--data", data, "--open-at", "2026-11-21T22:00"]).output
        #expect(table.contains("(2 open, 3 with hours unknown; 1 closed left out)"))
        let rows = table.split(separator: "\n").filter { $0.contains("driver-home") }
        #expect(rows.map { $0.contains("hours unknown") } == [false, false, true, true, true])
        // One per 25 km stretch at noon (h5 closed): the best open station of a stretch, else its
        // best with unknown hours, listed after the open ones; the empty stretch is named.
        let noon = ["along", route, "--data", data, "--open-at", "2026-11-21T12:00", "--every", "25km"]
        let picks = try Self.results(try runInProcess(noon + ["--format", "json"]).output)
        #expect(picks.map(Self.id) == ["h2", "h3", "h4", "h6"])
        #expect(picks.map { $0["open"] as? Bool } == [true, nil, nil, nil])
        #expect(picks.map { $0["stretch"] as? Int } == [0, 1, 2, 4])
        #expect(try runInProcess(noon).output.contains("No station in the stretches 75–100 km"))
        let geo = try jsonObject(try runInProcess(["along", route, "--data", data, "--open-at", "2026-11-21T22:00", "--format", "geojson"]).output)
        let features = try #require(geo["features"] as? [[String: Any]])
        #expect(features.map { ($0["properties"] as? [String: Any])?.keys.contains("open") } == Array(repeating: true, count: 5))
        #expect(features.map { ($0["properties"] as? [String: Any])?["open"] as? Bool } == [true, true, nil, nil, nil])
    }

    @Test func geoJSONFollowsExportConventionsAndReadsBack() throws {
        let run = try runInProcess(["along", Self.baotouErenhot, "--within", "30km", "--format", "geojson"])
        let json = try jsonObject(run.output)
        #expect(json["type"] as? String == "FeatureCollection" && json["crs_name"] as? String == "wgs84")
        let features = try #require(json["features"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: defaultStations.map { ($0.id, $0) })
        for (i, feature) in features.enumerated() {
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties["rank"] as? Int == i + 1)
            #expect(properties["km"] is Double && properties["detour_m"] is Double)
            #expect(!properties.keys.contains("open"))
            let station = try #require(byID[feature["id"] as? String ?? ""])
            let position = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            #expect(abs(position[0] - station.coordinate.longitude) < 1e-7 && abs(position[1] - station.coordinate.latitude) < 1e-7)
            for key in ["id", "name", "kind", "kind_zh", "amenities", "address", "province", "city", "opening_hours", "phone", "operator"] {
                #expect(properties[key] != nil, "\(key)")
            }
        }
        let back = try GeoJSONStationReader.read(run.output, file: "along.geojson")
        #expect(back.errors.isEmpty)
        #expect(back.stations.map(\.id) == features.map { $0["id"] as? String })
        #expect(back.stations.allSatisfy { byID[$0.id] == $0 })
        #expect(try runInProcess(["along", Self.baotouErenhot, "--within", "30km", "--format", "geojson"]).output == run.output)

        let withRoute = try jsonObject(try runInProcess(["along", Self.baotouErenhot, "--within", "30km", "--format", "geojson", "--with-route"]).output)
        let first = try #require((withRoute["features"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "route")
        let line = try #require(first["geometry"] as? [String: Any])
        #expect(line["type"] as? String == "LineString")
        #expect((line["coordinates"] as? [[Double]])?.first == [109.84, 40.657])
        #expect((withRoute["features"] as? [Any])?.count == features.count + 1)
    }

    @Test func csvHasMarksAndTheInterchangeColumns() throws {
        let output = try runInProcess(["along", Self.baotouErenhot, "--within", "30km", "--format", "csv"]).output
        let header = output.split(separator: "\n").first.map(String.init)
        #expect(header == "rank,km,detour_m,open,stretch_from_km,id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator")
        let loaded = try CSVStationReader.read(output, file: "along.csv")
        #expect(loaded.errors.isEmpty)
        let json = try Self.results(try runInProcess(["along", Self.baotouErenhot, "--within", "30km", "--format", "json"]).output)
        #expect(loaded.stations.map(\.id) == json.map(Self.id))
    }

    @Test func datumOfTheRouteAndOfTheOutputFollowCRS() throws {
        let points = try RouteArgument.parseInline(Self.baotouErenhot)
        let gcj = Self.inlineRoute(points.map { $0.converted(from: .wgs84, to: .gcj02) })
        let wgs = try Self.results(try runInProcess(["along", Self.baotouErenhot, "--within", "30km", "--format", "json"]).output)
        let amap = try Self.results(try runInProcess(["along", gcj, "--crs", "gcj02", "--within", "30km", "--format", "json"]).output)
        #expect(amap.map(Self.id) == wgs.map(Self.id))
        for (a, w) in zip(amap, wgs) {
            #expect(abs((a["km"] as! Double) - (w["km"] as! Double)) <= 0.002)
            #expect(abs((a["detour_m"] as! Double) - (w["detour_m"] as! Double)) <= 0.2)
            let station = try #require(defaultStations.first { $0.id == Self.id(a) })
            let shifted = station.coordinate.converted(from: .wgs84, to: .gcj02)
            #expect(abs(((a["station"] as? [String: Any])?["lat"] as! Double) - shifted.latitude) < 1e-7)
        }
        // A route file names its datum in crs_name, which wins over --crs.
        let coordinates = points.map { $0.converted(from: .wgs84, to: .gcj02) }.map { "[\($0.longitude),\($0.latitude)]" }.joined(separator: ",")
        let file = try temporaryFile("amap.geojson", #"{"type":"FeatureCollection","crs_name":"gcj02","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":["# + coordinates + "]}}]}")
        let fromFile = try Self.results(try runInProcess(["along", file, "--within", "30km", "--format", "json"]).output)
        #expect(fromFile.map(Self.id) == wgs.map(Self.id))
    }

    @Test func multiLineFilesAndTheirNotices() throws {
        let file = try temporaryFile("route.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"start"},"geometry":{"type":"Point","coordinates":[109.84,40.657]}},
            {"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[109.84,40.657],[110.05,41.03]],[[110.43,41.69],[111.977,43.653]]]}}]}
            """)
        let run = try runInProcess(["along", file, "--kind", "driver-home", "--within", "20km", "--format", "json"])
        #expect(run.errors.contains("stations: note: \(file): 1 Point geometry skipped (a route is made of its lines)"))
        let query = try #require(try jsonObject(run.output)["query"] as? [String: Any])
        let route = try #require(query["route"] as? [String: Any])
        #expect(route["lines"] as? Int == 2 && route["points"] as? Int == 4 && route["source"] as? String == file)
        #expect(try Self.results(run.output).map(Self.id) == ["stn-NM-000002", "stn-NM-000001"])
    }

    @Test func inlineRouteMistakesAreNamed() throws {
        let cases: [(String, String)] = [
            ("40.657,109.840", "a route needs at least two points, LAT,LON;LAT,LON (got 1); or give a GeoJSON file"),
            ("40.657,109.840;abc,1", "route point 2: 'abc,1' is not LAT,LON: both parts must be decimal degrees, e.g. 37.9,112.5"),
            ("40.657,109.840;43.6", "route point 2 '43.6' is not LAT,LON; separate points with ';', e.g. 40.657,109.840;43.653,111.977"),
            ("40.657,109.840;111.977,43.653", "route point 2: latitude 111.977 is outside -90...90; did you mean 43.653,111.977? The order is LAT,LON"),
        ]
        for (text, message) in cases {
            let error = #expect(throws: ValidationError.self, "\(text)") { _ = try RouteArgument.parseInline(text) }
            #expect(error?.message == message)
        }
        #expect(try RouteArgument.parseInline("40.657，109.840；43.653, 111.977;") == [
            Coordinate(latitude: 40.657, longitude: 109.84), Coordinate(latitude: 43.653, longitude: 111.977)])
    }

    @Test func exitCodesFollowSysexits() throws {
        let usage = try runBinary(["along", "40.657,109.840;abc,1"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("route point 2"))
        #expect(try runBinary(["along", "40.657,109.840"]).status == 64)
        #expect(try runBinary(["along", Self.baotouErenhot, "--every", "0km"]).status == 64)
        #expect(try runBinary(["along", Self.baotouErenhot, "--with-route"]).status == 64)
        #expect(try runBinary(["along", Self.baotouErenhot, "--within", "5"]).status == 64)
        let wide = try runBinary(["along", Self.baotouErenhot, "--within", "2000km"])
        #expect(wide.status == 64 && wide.stderr.contains("--within 2000km is wider than 1000 km"))
        let missing = try runBinary(["along", "/no/such/route.geojson"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("route file /no/such/route.geojson: no such file"))
        let polygon = try temporaryFile("area.geojson", #"{"type":"Polygon","coordinates":[]}"#)
        let bad = try runBinary(["along", polygon])
        #expect(bad.status == 65)
        #expect(bad.stderr == "stations: route file \(polygon): a Polygon is not a route; use a LineString or MultiLineString\n")
        #expect(try runBinary(["along", Self.baotouErenhot, "--data", "/no/such/data.csv"]).status == 66)
    }

    @Test func outputFileAppearsWholeOrNotAtAll() throws {
        let directory = URL(fileURLWithPath: try temporaryFile("placeholder", "")).deletingLastPathComponent()
        let target = directory.appendingPathComponent("along.geojson").path
        let ok = try runBinary(["along", Self.baotouErenhot, "--within", "30km", "--format", "geojson", "-o", target])
        #expect(ok.status == 0 && ok.stdout.isEmpty)
        #expect(ok.stderr.contains("to \(target) (wgs84)"))
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written == (try runBinary(["along", Self.baotouErenhot, "--within", "30km", "--format", "geojson"]).stdout))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        let nowhere = try runBinary(["along", Self.baotouErenhot, "-o", "/no/such/folder/along.txt"])
        #expect(nowhere.status == 74)
        #expect(!FileManager.default.fileExists(atPath: "/no/such/folder/along.txt"))
    }
}

/// A small seeded generator, so the random routes above are the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
