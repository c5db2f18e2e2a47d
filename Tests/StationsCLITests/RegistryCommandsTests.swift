import Foundation
import Testing
@testable import StationsCLI

/// `stations diff` and `stations reconcile` on a crafted pair of registries (Fixtures/registry):
/// the December version moves one station 444 m and another 5.5 m (noise), gives one a wifi,
/// changes one's hours and phone, re-identifies one, replaces one by a new station elsewhere,
/// drops one and adds one; the city list renames, shifts and adds stations.
@Suite struct RegistryCommandsTests {
    static let september = fixturePath("registry/registry-2026-09.csv")
    static let december = fixturePath("registry/registry-2026-12.csv")
    static let city = fixturePath("registry/taiyuan-city.csv")

    /// The report with the fixtures' folder taken out of the paths, as the golden files name them.
    static func text(_ arguments: [String]) throws -> String {
        try runInProcess(arguments).output.replacingOccurrences(of: fixturePath("registry") + "/", with: "")
    }

    @Test func diffTextIsExactlyTheExpectedReport() throws {
        let expected = try String(contentsOfFile: fixturePath("registry/diff-text.expected"), encoding: .utf8)
        #expect(try Self.text(["diff", Self.september, Self.december]) == expected)
    }

    @Test func reconcileTextIsExactlyTheExpectedReport() throws {
        let expected = try String(contentsOfFile: fixturePath("registry/reconcile-text.expected"), encoding: .utf8)
        #expect(try Self.text(["reconcile", Self.december, Self.city]) == expected)
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try runInProcess(arguments).output
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    @Test func diffJSONFollowsItsSchema() throws {
        let document = try Self.json(["diff", Self.september, Self.december, "--format", "json"])
        #expect(document["schema"] as? String == "stations.diff/1")
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary == ["removed": 2, "added": 2, "reidentified": 1, "moved": 1, "changed": 2, "unchanged": 34])
        let changes = try #require(document["changes"] as? [[String: Any]])
        let keys = ["change", "id", "old_id", "name", "distance_m", "moved", "fields", "old", "new"]
        for change in changes { #expect(Set(change.keys) == Set(keys)) }
        let changed = try #require(changes.first { $0["id"] as? String == "stn-SX-174346" })
        let field = try #require((changed["fields"] as? [[String: Any]])?.first)
        #expect(field["field"] as? String == "amenities")
        #expect(field["gained"] as? [String] == ["wifi"])
        #expect(field["lost"] as? [String] == [])
        let moved = try #require(changes.first { $0["change"] as? String == "moved" })
        #expect((moved["distance_m"] as? Double).map { abs($0 - 444.2) < 0.05 } == true)
        #expect((moved["old"] as? [String: Any])?["line"] as? Int == 4)
    }

    @Test func diffGeoJSONDrawsMovesAsLines() throws {
        let document = try Self.json(["diff", Self.september, Self.december, "--format", "geojson"])
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.count == 8)
        for feature in features {
            let properties = try #require(feature["properties"] as? [String: Any])
            let type = (feature["geometry"] as? [String: Any])?["type"] as? String
            #expect(type == ((properties["moved"] as? Bool) == true ? "LineString" : "Point"))
        }
    }

    @Test func reconcileGeoJSONJoinsPossibleMatchesByALine() throws {
        let document = try Self.json(["reconcile", Self.december, Self.city, "--format", "geojson"])
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.count == 16 + 25, "every city record, then every unmatched reference record")
        var lines = 0
        for feature in features {
            let status = (feature["properties"] as? [String: Any])?["status"] as? String
            let geometry = try #require(feature["geometry"] as? [String: Any])
            if geometry["type"] as? String == "LineString" {
                lines += 1
                #expect(status == "possible-match")
                #expect((geometry["coordinates"] as? [[Double]])?.count == 2)
            }
        }
        #expect(lines == 2)
        let json = try Self.json(["reconcile", Self.december, Self.city, "--format", "json"])
        #expect(json["schema"] as? String == "stations.reconcile/1")
        #expect(json["summary"] as? [String: Int] == ["matched": 13, "possible-match": 2, "missing-from-reference": 1, "unmatched-reference": 25])
    }

    @Test func csvListsEveryChangedFieldOnItsOwnRow() throws {
        let rows = try runInProcess(["diff", Self.september, Self.december, "--format", "csv"]).output.split(separator: "\n")
        #expect(rows.first == "change,id,old_id,name,field,old,new,distance_m")
        #expect(rows.count == 1 + 9, "2 removed, 2 added, 1 re-identified, 1 moved, 3 changed fields")
        #expect(rows.contains("changed,stn-SX-216630,stn-SX-216630,太原市迎泽区晋祠路工会驿站,phone,0351-2340875,0351-1234567,0"))
    }

    @Test func mistakesGiveTheirExitCodes() throws {
        #expect(try runBinary(["diff", Self.september, "/nonexistent/new.csv"]).status == 66)
        #expect(try runBinary(["diff", "-", "-"]).status == 64)
        #expect(try runBinary(["diff", Self.september, Self.december, "--moved", "twenty"]).status == 64)
        #expect(try runBinary(["reconcile", Self.december, Self.city, "--name-radius", "100km"]).status == 64)
        let folder = NSTemporaryDirectory() + "stations-diff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try runBinary(["diff", Self.september, Self.december, "--format", "json", "-o", folder + "/changes.json"])
        #expect(written.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["changes.json"])
    }
}
