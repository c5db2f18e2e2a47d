import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI
import TestSupport

/// Every bad request gets a 4xx problem+json naming what is wrong; none gets a 500 or no answer.
@Suite struct APIProblemTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var target: String
        var method = "GET"
        var body = ""
        var status = 400
        var parameter: String?
        /// Words the detail must contain.
        var detail: String
        var testDescription: String { "\(method) \(target)" }
    }

    static let cases: [Case] = [
        Case(target: "/v1/near?lat=95&lon=112.5", parameter: "lat", detail: "latitude 95 is outside -90...90"),
        Case(target: "/v1/near?lat=112.5&lon=37.9", parameter: "lat", detail: "did you mean 37.9,112.5"),
        Case(target: "/v1/near?lat=37.9&lon=200", parameter: "lon", detail: "longitude 200 is outside -180...180"),
        Case(target: "/v1/near?lat=abc&lon=112.5", parameter: "lat", detail: "decimal degrees"),
        Case(target: "/v1/near?lat=37.9&lon=east", parameter: "lon", detail: "decimal degrees"),
        Case(target: "/v1/near?lon=112.5", parameter: "lat", detail: "lat is required"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&need=showr", parameter: "need", detail: "did you mean 'shower'?"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&kind=hotel", parameter: "kind", detail: "unknown kind 'hotel'"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&limit=0", parameter: "limit", detail: "between 1 and 1000"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&limit=lots", parameter: "limit", detail: "whole number"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&within=5", parameter: "within", detail: "needs a unit: 5m or 5km"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&crs=utm", parameter: "crs", detail: "unknown datum 'utm'"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&format=xml", parameter: "format", detail: "json or geojson"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&neeed=shower", parameter: "neeed", detail: "Did you mean need?"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&open_at=tonight", parameter: "open_at", detail: "is not a time like"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&open_at=2026-02-30T10:00", parameter: "open_at", detail: "no such date"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&open_now=true&open_at=2026-11-21T22:00", parameter: "open_now", detail: "not both"),
        Case(target: "/v1/near?lat=37.9&lon=112.5&open_now=maybe", parameter: "open_now", detail: "true or false"),
        Case(target: "/v1/stations/no-such-station", status: 404, detail: "no station with id 'no-such-station'"),
        Case(target: "/v1/stations?bbox=1,2,3", parameter: "bbox", detail: "WEST,SOUTH,EAST,NORTH"),
        Case(target: "/v1/stations?bbox=112,38,113,37", parameter: "bbox", detail: "SOUTH ≤ NORTH"),
        Case(target: "/v1/stations?region=Atlantis", parameter: "region", detail: "Atlantis"),
        Case(target: "/v1/stations?region=/etc/passwd", parameter: "region", detail: "province name"),
        Case(target: "/v1/coverage?radius=1km", parameter: "bbox", detail: "bbox is required"),
        Case(target: "/v1/coverage?bbox=100,30,110,40", parameter: "bbox", detail: "at most 4 per request"),
        Case(target: "/v1/coverage?bbox=112.4,37.7,112.7,38.0&radius=0m", parameter: "radius", detail: "more than 0"),
        Case(target: "/v1/along?within=2km", detail: "give route=LAT,LON;LAT,LON"),
        Case(target: "/v1/along?route=37.9,112.5", parameter: "route", detail: "at least two points"),
        Case(target: "/v1/along?route=37.9,112.5;95,112", parameter: "route", detail: "route point 2"),
        Case(target: "/v1/along?route=37.9,112.5;38,112.6&within=2000km", parameter: "within", detail: "at most 1000 km"),
        Case(target: "/v1/along?route=37.9,112.5;38,112.6&format=json&with_route=true", parameter: "with_route", detail: "format=geojson"),
        Case(target: "/v1/along?route=37.9,112.5;38,112.6&every=0km", parameter: "every", detail: "longer than 0"),
        Case(target: "/v1/along?route=37.9,112.5;38,112.6", method: "POST", body: #"{"type":"LineString"}"#, parameter: "route", detail: "not both"),
        Case(target: "/v1/along", method: "POST", body: #"{"type":"Point","coordinates":[1,2]}"#, detail: "body"),
        Case(target: "/v1/along", method: "POST", body: String(repeating: "[", count: 100_000), detail: "body"),
        Case(target: "/v1/audit", method: "POST", detail: "POST the registry as the body"),
        Case(target: "/v1/audit?rules=no-such-rule", method: "POST", body: "id,name\n", parameter: "rules", detail: "no-such-rule"),
        Case(target: "/v1/audit?fix=perhaps", method: "POST", body: "id,name\n", parameter: "fix", detail: "true or false"),
        Case(target: "/v1/audit", method: "POST", body: #"{"type":"FeatureCollection","features":"# + String(repeating: "[", count: 100_000),
             status: 422, detail: "nest"),
        Case(target: "/v1/audit", method: "POST", body: "id,name\n", status: 422, detail: "missing columns kind, lat, lon"),
        Case(target: "/v1/audit?fix=true", method: "POST", body: "id,name,kind,lat,lon\na,A,driver-home,37.9,112.5\nb,\"unclosed,driver-home,1,2\n",
             status: 422, detail: "no cleaned copy"),
        Case(target: "/v1/near?lat=37.9&lon=112.5", method: "POST", status: 405, detail: "use GET"),
        Case(target: "/v1/audit", status: 405, detail: "use POST"),
        Case(target: "/v2/near", status: 404, detail: "no endpoint /v2/near"),
        Case(target: "/healthz?verbose=1", parameter: "verbose", detail: "unknown parameter"),
    ]

    @Test(arguments: cases)
    func badRequestsGetAProblemNamingTheParameter(_ test: Case) throws {
        let response = answer(test.target, method: test.method, body: Data(test.body.utf8))
        #expect(response.status == test.status, "\(response.text)")
        #expect(response.contentType == "application/problem+json")
        let problem = try jsonObject(response)
        #expect(problem["status"] as? Int == test.status)
        #expect(problem["type"] as? String == "about:blank")
        #expect(!(problem["title"] as? String ?? "").isEmpty)
        #expect(problem["parameter"] as? String == test.parameter, "\(problem)")
        let detail = problem["detail"] as? String ?? ""
        #expect(detail.contains(test.detail), "\(detail)")
        // A bad value is quoted back; a missing one has none to quote.
        if test.parameter != nil && !detail.contains("is required") { #expect(problem["value"] is String) }
    }

    @Test func aWrongMethodSaysWhichAreAllowed() throws {
        let response = answer("/v1/stations/stn-SX-450784", method: "DELETE")
        #expect(response.status == 405)
        #expect(response.headers.first { $0.name == "Allow" }?.value == "GET, HEAD")
        #expect(answer("/v1/along", method: "PUT").headers.first { $0.name == "Allow" }?.value == "GET, POST, HEAD")
    }

    @Test func anEmptyValueIsAParameterNotGiven() throws {
        let empty = answer("/v1/near?lat=37.9&lon=112.5&need=&kind=&within=&crs=&open_at=")
        #expect(empty.status == 200)
        #expect(empty.text == answer("/v1/near?lat=37.9&lon=112.5").text)
        #expect(answer("/v1/near?lat=&lon=112.5").status == 400)
    }

    @Test func oversizeBodiesAre413() throws {
        var limits = StationsAPI.Limits()
        limits.maxBodyBytes = 1000
        let api = StationsAPI(embeddedAPI.data, limits: limits)
        let big = Data(repeating: UInt8(ascii: "a"), count: 1001)
        for target in ["/v1/audit", "/v1/along"] {
            let response = answer(target, method: "POST", body: big, api: api)
            #expect(response.status == 413, "\(target)")
            #expect(try jsonObject(response)["detail"] as? String == "the body has 1001 bytes; at most 1000 are accepted")
        }
    }

    @Test func aHugeValueIsQuotedShortly() throws {
        let response = answer("/v1/near?lat=" + String(repeating: "9", count: 100_000) + "&lon=1")
        #expect(response.status == 400)
        #expect(response.body.count < 2000, "the problem quotes 200 bytes of the value, not 100 KB")
    }

    /// Random requests (paths, parameters, bodies and bytes, seeded) never get a 5xx, and every
    /// answer is well-formed: JSON parses, problems carry their status.
    @Test func randomRequestsNeverGetA500() throws {
        var random = SeededGenerator(seed: 0xF022_0017)
        let paths = ["/v1/near", "/v1/stations", "/v1/stations/stn-SX-450784", "/v1/along", "/v1/coverage", "/v1/audit", "/healthz",
                     "/v1/vocabulary", "/v1", "/", "/v1/near/", "//v1//near", "/v1/stations/%00", "/v1/stations/" + String(repeating: "x", count: 5000)]
        let names = ["lat", "lon", "need", "kind", "limit", "within", "open_at", "open_now", "crs", "format", "bbox", "region", "route",
                     "radius", "every", "with_route", "fix", "rules", "name", "input_crs", "", "lat[]", "%ZZ"]
        let values = ["37.9", "112.5", "-0", "1e308", "-1e308", "nan", "inf", "", " ", "shower", "淋浴,厕所", "x,y", ",,,", "0", "-1",
                      "99999999999999999999", "5km", "0m", "1e9km", "2026-11-21T22:00", "true", "gcj02", "bd09", "geojson",
                      "112.4,37.7,112.7,38.0", "-180,-90,180,90", "1,1,1,1", "37.9,112.5;38,112.6", ";;", "山西", "../../etc/passwd",
                      "%", "%E6%B7", "\u{0}", String(repeating: "a", count: 3000)]
        let bodies = ["", "{}", "[]", "id,lat,lon\n1,2,3\n", #"{"type":"LineString","coordinates":[[112,37],[113,38]]}"#,
                      #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}"#, "\u{FEFF}\u{0}\u{1}"]
        for round in 0..<600 {
            var query: [(name: String, value: String)] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                query.append((names.randomElement(using: &random)!, values.randomElement(using: &random)!))
            }
            var body = Data(bodies.randomElement(using: &random)!.utf8)
            if round % 7 == 0 { body = Data((0..<Int.random(in: 1...400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }) }
            let method = ["GET", "POST", "PUT", "DELETE", "HEAD"].randomElement(using: &random)!
            let request = APIRequest(method: method, path: paths.randomElement(using: &random)!, query: query, body: body)
            let response = embeddedAPI.handle(request)
            let place = "\(method) \(request.path) \(query.map { "\($0.name)=\($0.value.prefix(40))" })"
            #expect((200..<500).contains(response.status), "\(place): \(response.status) \(response.text.prefix(300))")
            if response.contentType.contains("json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(response.body))) != nil, "\(place): not JSON")
            }
        }
    }
}
