import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI
import TestSupport

/// Every endpoint against the command it mirrors (same bytes) and, for near, a brute-force oracle.
@Suite struct APIEndpointTests {
    static let stations = StationLoader.loadDefault().stations

    /// The `limit` nearest stations passing `filter` within `within`, by distance then id, over all stations.
    static func bruteForceNearest(_ point: Coordinate, filter: StationFilter, limit: Int, within: Double?) -> [(id: String, distance: Double)] {
        var found: [(id: String, distance: Double)] = []
        for station in stations where filter.accepts(station) {
            let distance = point.geodesicDistance(to: station.coordinate)
            if let within, distance > within { continue }
            found.append((id: station.id, distance: distance))
        }
        found.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        return Array(found.prefix(limit))
    }

    @Test(arguments: [1, 2, 3])
    func nearMatchesTheCLIAndTheOracle(seed: UInt64) throws {
        var random = SeededGenerator(seed: 0x5E_7E_0017 &+ seed)
        let tags = ["shower", "toilet", "淋浴", "drinking-water", "microwave", "charging"]
        let kinds = ["driver-home", "outdoor-worker-station", "司机之家", "carnation-station"]
        for _ in 0..<25 {
            let lat = Double.random(in: 22...45, using: &random), lon = Double.random(in: 100...122, using: &random)
            let latText = JSONValue.formatNumber(lat, places: 4), lonText = JSONValue.formatNumber(lon, places: 4)
            var query = "lat=\(latText)&lon=\(lonText)"
            var arguments = ["near", "\(latText),\(lonText)", "--format", "json"]
            var need: [String] = [], kind: [String] = []
            if Bool.random(using: &random) { need.append(tags.randomElement(using: &random)!) }
            if Bool.random(using: &random) { kind.append(kinds.randomElement(using: &random)!) }
            for tag in need {
                query += "&need=" + tag.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                arguments += ["--need", tag]
            }
            for value in kind {
                query += "&kind=" + value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                arguments += ["--kind", value]
            }
            let limit = Int.random(in: 1...12, using: &random)
            query += "&limit=\(limit)"
            arguments += ["--limit", "\(limit)"]
            var within: Double?
            if Int.random(in: 0..<3, using: &random) == 0 {
                within = Double(Int.random(in: 1...300, using: &random)) * 1000
                query += "&within=\(Int(within! / 1000))km"
                arguments += ["--within", "\(Int(within! / 1000))km"]
            }
            let response = answer("/v1/near?" + query)
            #expect(response.status == 200, "\(query): \(response.text)")
            #expect(response.contentType == "application/json")
            #expect(response.text == (try cliOutput(arguments)), "\(query)")

            let filter = StationFilter(need: try parseNeed(need), kinds: try parseKinds(kind))
            let expected = Self.bruteForceNearest(Coordinate(latitude: Double(latText)!, longitude: Double(lonText)!), filter: filter, limit: limit, within: within)
            let results = try #require(try jsonObject(response)["results"] as? [[String: Any]])
            let got = results.map { (($0["station"] as? [String: Any])?["id"] as? String ?? "", $0["distance_m"] as? Double ?? -1) }
            #expect(got.map(\.0) == expected.map(\.id), "\(query)")
            for (g, e) in zip(got, expected) { #expect(abs(g.1 - e.distance) <= 0.05, "\(query): \(g.0)") }
        }
    }

    @Test func nearInGCJ02AndAsGeoJSONIsTheCLIAnswer() throws {
        let response = answer("/v1/near?lat=37.9006&lon=112.5065&crs=gcj02&need=toilet&format=geojson")
        #expect(response.status == 200)
        #expect(response.contentType == "application/geo+json")
        #expect(response.text == (try cliOutput(["near", "37.9006,112.5065", "--crs", "gcj02", "--need", "toilet", "--format", "geojson"])))
        let open = answer("/v1/near?lat=37.9&lon=112.5&open_at=2026-11-21T22:00&limit=3")
        #expect(open.text == (try cliOutput(["near", "37.9,112.5", "--open-at", "2026-11-21T22:00", "--limit", "3", "--format", "json"])))
    }

    @Test func nothingMatchingGivesThePartialMatchesOfTheCLI() throws {
        // The sample has no station with every amenity; the partial matches say what each lacks.
        let query = "lat=37.9&lon=112.5&need=shower,laundry,legal-aid,air-pump,rain-gear,lactation-room"
        let response = answer("/v1/near?" + query)
        let object = try jsonObject(response)
        #expect((object["results"] as? [Any])?.isEmpty == true)
        let partial = try #require(object["partial_matches"] as? [[String: Any]])
        #expect(!partial.isEmpty)
        #expect(partial.allSatisfy { !(($0["lacks"] as? [String]) ?? []).isEmpty })
        #expect(response.text == (try cliOutput(["near", "37.9,112.5", "--need", "shower,laundry,legal-aid,air-pump,rain-gear,lactation-room", "--format", "json"])))
    }

    @Test func stationByIDIsItsJSONObject() throws {
        for station in Self.stations.prefix(20) {
            let id = station.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            let response = answer("/v1/stations/\(id)")
            #expect(response.status == 200)
            #expect(response.text == StationJSON.object(station).rendered() + "\n")
        }
        let gcj = answer("/v1/stations/\(Self.stations[0].id)?crs=gcj02")
        #expect(gcj.text == StationJSON.object(Self.stations[0], datum: .gcj02).rendered() + "\n")
    }

    @Test(arguments: [
        ("bbox=112.4,37.7,112.7,38.0&need=shower", ["--bbox", "112.4,37.7,112.7,38.0", "--need", "shower"]),
        ("bbox=110,35,115,40&kind=driver-home&crs=gcj02", ["--bbox", "110,35,115,40", "--kind", "driver-home", "--crs", "gcj02"]),
        ("region=%E5%B1%B1%E8%A5%BF", ["--region", "山西"]),
        ("need=microwave", ["--need", "microwave"]),
    ])
    func stationsInABoxAreWhatExportWrites(query: String, options: [String]) throws {
        let response = answer("/v1/stations?" + query)
        #expect(response.status == 200, "\(response.text)")
        #expect(response.contentType == "application/geo+json")
        let exported = try cliOutput(["export"] + options)
        #expect(response.text == exported, "\(query)")
        #expect(exported.contains("\"Feature\""), "the case selects some stations")
    }

    @Test func alongInlineAndPostedGeoJSONAreTheCLIAnswer() throws {
        let route = "37.7,112.4;37.9,112.55;38.1,112.7"
        let expected = try cliOutput(["along", route, "--within", "3km", "--need", "toilet", "--format", "json"])
        let inline = answer("/v1/along?route=\(route)&within=3km&need=toilet")
        #expect(inline.status == 200, "\(inline.text)")
        #expect(inline.text == expected)
        #expect(expected.contains("\"results\":[{"), "the route passes stations")

        let line = #"{"type":"LineString","coordinates":[[112.4,37.7],[112.55,37.9],[112.7,38.1]]}"#
        let posted = answer("/v1/along?within=3km&need=toilet", method: "POST", body: Data(line.utf8), contentType: "application/geo+json")
        #expect(posted.status == 200, "\(posted.text)")
        let file = try temporaryFolder().appendingPathComponent("route.geojson")
        try Data(line.utf8).write(to: file)
        let fromFile = try cliOutput(["along", file.path, "--within", "3km", "--need", "toilet", "--format", "json"])
        // The route's source is named differently ("body" and the path); everything else is equal.
        #expect(posted.text == fromFile.replacingOccurrences(of: "\"source\":\"\(file.path)\"", with: "\"source\":\"body\""))
        let geo = answer("/v1/along?route=\(route)&within=3km&format=geojson&with_route=true")
        #expect(geo.text == (try cliOutput(["along", route, "--within", "3km", "--format", "geojson", "--with-route"])))
    }

    @Test func coverageIsTheCLIAnswer() throws {
        let summary = answer("/v1/coverage?bbox=112.4,37.7,112.7,38.0&radius=1km&format=json")
        #expect(summary.status == 200, "\(summary.text)")
        #expect(summary.text == (try cliOutput(["coverage", "--bbox", "112.4,37.7,112.7,38.0", "--radius", "1km", "--format", "json"])))
        let gaps = answer("/v1/coverage?bbox=112.4,37.7,112.7,38.0&radius=2km&need=shower")
        #expect(gaps.status == 200)
        let folder = try temporaryFolder()
        _ = try cliOutput(["coverage", "--bbox", "112.4,37.7,112.7,38.0", "--radius", "2km", "--need", "shower", "-o", folder.path + "/gaps.geojson"])
        #expect(gaps.body == Array(try Data(contentsOf: folder.appendingPathComponent("gaps.geojson"))))
    }

    static let registry = repositoryRoot.appendingPathComponent("Tests/StationAnalysisTests/Fixtures/audit/taiyuan-registry.csv")

    @Test func auditOfAnUploadIsTheCLIReport() throws {
        let body = try Data(contentsOf: Self.registry)
        let report = answer("/v1/audit?name=taiyuan-registry.csv", method: "POST", body: body, contentType: "text/csv")
        #expect(report.status == 200, "\(report.text)")
        let expected = try cliOutput(["audit", "--data", Self.registry.path, "--format", "json"])
        #expect(report.text == expected.replacingOccurrences(of: Self.registry.path, with: "taiyuan-registry.csv"))
        #expect(try jsonObject(report)["schema"] as? String == "stations.audit/1")
        #expect(((try jsonObject(report)["findings"] as? [Any]) ?? []).count > 5)

        let folder = try temporaryFolder()
        _ = try cliOutput(["audit", "--data", Self.registry.path, "--fix", "-o", folder.path + "/cleaned.csv"])
        let fixed = answer("/v1/audit?name=taiyuan-registry.csv&fix=true", method: "POST", body: body)
        #expect(fixed.status == 200)
        #expect(fixed.contentType.hasPrefix("text/csv"))
        #expect(fixed.body == Array(try Data(contentsOf: folder.appendingPathComponent("cleaned.csv"))))
        #expect(Int(fixed.headers.first { $0.name == "X-Stations-Fixed" }?.value ?? "") ?? 0 > 0)
    }

    @Test func auditReadsGB18030AsSpreadsheetsSaveIt() throws {
        let fixture = repositoryRoot.appendingPathComponent("Tests/StationAnalysisTests/Fixtures/audit/gb18030.csv")
        let report = answer("/v1/audit?name=gb18030.csv", method: "POST", body: try Data(contentsOf: fixture))
        #expect(report.status == 200)
        let notices = try #require(try jsonObject(report)["notices"] as? [String])
        #expect(notices.contains { $0.contains("GB18030") }, "\(notices)")
    }

    @Test func healthAndVocabularyDescribeTheData() throws {
        let health = try jsonObject(answer("/healthz"))
        #expect(health["status"] as? String == "ok")
        #expect(health["stations"] as? Int == Self.stations.count)
        let vocabulary = try jsonObject(answer("/v1/vocabulary"))
        let tags = (vocabulary["amenities"] as? [[String: String]])?.compactMap { $0["tag"] }
        #expect(tags == Amenity.allCases.map(\.rawValue))
        #expect((vocabulary["kinds"] as? [[String: String]])?.first { $0["kind"] == "driver-home" }?["zh"] == "司机之家")
    }

    @Test func aReloadChangesTheAnswersButNotARequestAlreadyHoldingTheData() throws {
        let api = StationsAPI(ServedData(index: StationIndex(Array(Self.stations.prefix(10))), source: "ten"))
        let before = api.data
        api.replace(with: ServedData(index: StationIndex(Self.stations), source: "all"))
        #expect(try jsonObject(answer("/healthz", api: api))["stations"] as? Int == Self.stations.count)
        #expect(before.index.count == 10, "data taken before the reload stays as it was")
    }
}
