import Foundation
import Testing
@testable import StationsCLI

/// `stations audit` end to end: the binary's exit codes, and its three report formats.
@Suite struct AuditCommandTests {
    static func corpus(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("StationAnalysisTests/Fixtures/audit/\(name)").path
    }

    @Test func exitCodesFollowTheIssue() throws {
        let registry = Self.corpus("taiyuan-registry.csv")
        #expect(try runBinary(["audit", "--data", registry]).status == 0)
        let strict = try runBinary(["audit", "--data", registry, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("errors remain"))
        #expect(try runBinary(["audit", "--data", Self.corpus("bom.csv"), "--strict"]).status == 0)
        let unreadable = try runBinary(["audit", "--data", Self.corpus("nan.geojson")])
        #expect(unreadable.status == 65)
        #expect(unreadable.stderr.contains("line 1, column"))
        #expect(try runBinary(["audit", "--data", "/nonexistent/registry.csv"]).status == 66)
        #expect(try runBinary(["audit", "--fix"]).status == 64)
        let unknownRule = try runBinary(["audit", "--rules", "phone-formt"])
        #expect(unknownRule.status == 64)
        #expect(unknownRule.stderr.contains("did you mean 'phone-format'"))
    }

    @Test func textReportGroupsByRuleAndEndsWithASummary() throws {
        let output = try runInProcess(["audit", "--data", Self.corpus("taiyuan-registry.csv"), "--examples", "1"]).output
        #expect(output.contains("ERROR swapped-coordinates"))
        #expect(output.contains("line 3 (id TY-002)"))
        #expect(output.contains("fix: lat 37.870215, lon 112.548731"))
        #expect(output.contains("… and 4 more"))
        #expect(output.contains("Coverage: stations by province"))
        #expect(output.split(separator: "\n").last?.hasPrefix("Summary: ") == true)
        // Errors come before warnings, warnings before notes.
        let error = try #require(output.range(of: "ERROR "))
        let warning = try #require(output.range(of: "WARNING "))
        let note = try #require(output.range(of: "INFO "))
        #expect(error.lowerBound < warning.lowerBound && warning.lowerBound < note.lowerBound)
    }

    @Test func jsonHasTheDocumentedSchemaAndIsDeterministic() throws {
        let arguments = ["audit", "--data", Self.corpus("taiyuan-registry.geojson"), "--format", "json"]
        let first = try runInProcess(arguments).output
        #expect(first == (try runInProcess(arguments).output))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(root["schema"] as? String == "stations.audit/1")
        let findings = try #require(root["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(Set(finding.keys) == ["rule", "severity", "file", "line", "feature", "id", "field", "value", "message", "suggestion", "fixable"])
            #expect(finding["feature"] is Int)
        }
        #expect((root["summary"] as? [String: Any])?["errors"] as? Int == findings.filter { $0["severity"] as? String == "error" }.count)
    }

    @Test func geojsonHasOneFeaturePerFlaggedRecord() throws {
        let output = try runInProcess(["audit", "--data", Self.corpus("taiyuan-registry.csv"), "--format", "geojson"]).output
        let root = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        let lines = features.compactMap { ($0["properties"] as? [String: Any])?["line"] as? Int }
        #expect(lines == lines.sorted() && Set(lines).count == lines.count)
        // One feature for each line the corpus expects findings on; the swapped one is drawn where the station really is.
        let expected = try String(contentsOfFile: Self.corpus("taiyuan-registry-csv.expected"), encoding: .utf8)
        #expect(lines.count == Set(expected.split(separator: "\n").map { $0.split(separator: " ")[1] }).count)
        let swapped = try #require(features.first { ($0["properties"] as? [String: Any])?["id"] as? String == "TY-002" })
        let coordinates = (swapped["geometry"] as? [String: Any])?["coordinates"] as? [Double]
        #expect(coordinates == [112.548731, 37.870215])
    }

    @Test func fixWritesACompleteCleanedCopyAndListsEveryChange() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cleaned = directory.appendingPathComponent("cleaned.csv").path
        let result = try runBinary(["audit", "--data", Self.corpus("taiyuan-registry.csv"), "--fix", "-o", cleaned, "--strict"])
        // Errors that no fix can settle remain, so --strict still fails, but the copy is written.
        #expect(result.status == 1)
        #expect(result.stdout.contains("Fixes written to \(cleaned): 6 changes"))
        #expect(result.stdout.contains("lat,lon '112.548731,37.870215' → '37.870215,112.548731' [swapped-coordinates]"))
        let text = try String(contentsOfFile: cleaned, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 32)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["cleaned.csv"])
    }

    @Test func regionsFileGivesTheSameAnswerAsTheEmbeddedBoundaries() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let regions = repository.appendingPathComponent("geodata/regions/cn-provinces.geojson").path
        let registry = Self.corpus("taiyuan-registry.csv")
        let embedded = try runInProcess(["audit", "--data", registry, "--format", "json"]).output
        let fromFile = try runInProcess(["audit", "--data", registry, "--format", "json", "--regions", regions]).output
        #expect(embedded == fromFile)
        #expect(try runBinary(["audit", "--data", registry, "--regions", "/nonexistent/regions.geojson"]).status == 66)
    }

    @Test func listRulesNamesEveryRule() throws {
        let output = try runInProcess(["audit", "--list-rules"]).output
        for id in ["swapped-coordinates", "duplicate-nearby", "phone-format", "coverage",
                   "coordinate-as-string", "numeric-id", "empty-amenity", "repeated-amenity"] { #expect(output.contains(id)) }
    }

    /// A quoted GeoJSON coordinate: `near` skips the station and counts it; `audit --fix` writes the number.
    @Test func quotedCoordinatesAreSkippedByNearAndFixedByAudit() throws {
        let registry = try temporaryFile("quoted.geojson", #"""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[112.5,37.9]},"properties":{"id":"ok","kind":"driver-home","amenities":["parking"]}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":["112.51","37.91"]},"properties":{"id":"quoted","kind":"driver-home","amenities":["parking"]}}
            ]}
            """#)
        let near = try runInProcess(["near", "37.9,112.5", "--data", registry, "--format", "csv"])
        #expect(near.output.contains(",ok,") && !near.output.contains("quoted"))
        #expect(near.errors.contains(#"1 bad record skipped (first: \#(registry), feature 1, field 'lat', value '"37.91"': latitude is a string, not a number; write it as a number, without quotes)"#))
        let cleaned = (registry as NSString).deletingLastPathComponent + "/cleaned.geojson"
        let audit = try runInProcess(["audit", "--data", registry, "--fix", "-o", cleaned, "--strict"])
        #expect(audit.output.contains(#"lon '"112.51"' → '112.51' [coordinate-as-string]"#))
        #expect(try String(contentsOfFile: cleaned, encoding: .utf8).contains(#""coordinates":[112.51,37.91]"#))
    }
}
