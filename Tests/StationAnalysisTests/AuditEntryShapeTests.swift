import Foundation
import Testing
@testable import StationAnalysis
@testable import StationKit

/// What the readers accept without a word but a registry keeper should hear about: empty and
/// repeated amenity entries, GeoJSON coordinates written as strings, numeric GeoJSON ids. Each
/// finding is compared whole (rule, severity, place, id, field, value, message, suggestion).
@Suite struct AuditEntryShapeTests {
    /// A finding of the `t.csv` / `t.geojson` inputs the helpers write.
    func finding(_ rule: String, _ severity: AuditSeverity, _ file: String, _ location: RecordLocation, id: String?,
                 _ field: String, _ value: String, _ message: String, suggestion: String) -> AuditFinding {
        AuditFinding(rule: rule, severity: severity, file: file, location: location, recordID: id, field: field, value: value,
                     message: message, suggestion: suggestion, fixable: true)
    }

    static let amenityRules = ["empty-amenity", "repeated-amenity"]

    // MARK: - Amenity entries

    @Test func emptyAndRepeatedEntriesInCSVAreWarningsAndTheStationsStayValid() throws {
        let rows = [
            stationRow("E1", ["amenities": "toilet;;rest", "lat": "37.861001"]),
            stationRow("E2", ["amenities": "toilet、rest、", "lat": "37.862001"]),
            stationRow("R1", ["amenities": "淋浴;shower;toilet", "lat": "37.864001"]),
            stationRow("R2", ["amenities": "toilet;toilet;rest;toilet", "lat": "37.865001"]),
            stationRow("OK", ["amenities": "toilet, rest", "lat": "37.866001"]),
        ]
        let report = try auditCSV(rows)
        #expect(report.findings.filter { Self.amenityRules.contains($0.rule) } == [
            finding("empty-amenity", .warning, "t.csv", .line(2), id: "E1", "amenities", "toilet;;rest",
                    "an empty amenity entry (nothing between two separators, or a separator at an end); readers skip it",
                    suggestion: "write toilet;rest"),
            finding("empty-amenity", .warning, "t.csv", .line(3), id: "E2", "amenities", "toilet、rest、",
                    "an empty amenity entry (nothing between two separators, or a separator at an end); readers skip it",
                    suggestion: "write toilet;rest"),
            finding("repeated-amenity", .warning, "t.csv", .line(4), id: "R1", "amenities", "淋浴;shower;toilet",
                    "'shower' is listed twice (as '淋浴', 'shower')", suggestion: "list each amenity once: 淋浴;toilet"),
            finding("repeated-amenity", .warning, "t.csv", .line(5), id: "R2", "amenities", "toilet;toilet;rest;toilet",
                    "'toilet' is listed 3 times", suggestion: "list each amenity once: toilet;rest"),
        ])
        // The readers take each list as meant: no error, every station usable.
        #expect(report.findings.filter { $0.severity == .error }.map(summaryLine) == [])
        #expect(report.stationCount == rows.count)
    }

    @Test func aListWithNothingInItIsNoAmenitiesNotAnEmptyEntry() throws {
        let report = try auditCSV([stationRow("N", ["amenities": ";"])])
        #expect(report.findings.map(summaryLine) == ["line 2 no-amenities amenities"])
    }

    @Test func emptyAndRepeatedEntriesInGeoJSON() throws {
        let (load, report) = try auditGeoJSON([
            stationFeature(id: #""G-1""#, amenities: #"["toilet", "", "rest"]"#),
            stationFeature(id: #""G-2""#, coordinates: "112.566321,37.865512", amenities: #"["淋浴", "shower; toilet"]"#),
            stationFeature(id: #""G-3""#, coordinates: "112.566321,37.867512", amenities: #"["toilet;;rest", " "]"#),
        ])
        #expect(report.findings.filter { Self.amenityRules.contains($0.rule) } == [
            finding("empty-amenity", .warning, "t.geojson", .feature(0), id: "G-1", "amenities", #"["toilet","","rest"]"#,
                    "an empty amenity entry (an empty or blank string in the array); readers skip it", suggestion: #"write ["toilet","rest"]"#),
            finding("repeated-amenity", .warning, "t.geojson", .feature(1), id: "G-2", "amenities", #"["淋浴","shower; toilet"]"#,
                    "'shower' is listed twice (as '淋浴', 'shower')", suggestion: #"list each amenity once: ["淋浴","toilet"]"#),
            finding("empty-amenity", .warning, "t.geojson", .feature(2), id: "G-3", "amenities", #"["toilet;;rest"," "]"#,
                    "2 empty amenity entries (an empty or blank string in the array); readers skip them", suggestion: #"write ["toilet","rest"]"#),
        ])
        #expect(load.stations.map(\.amenities) == [[.toilet, .rest], [.shower, .toilet], [.toilet, .rest]])
        #expect(load.errors.isEmpty)
    }

    /// The rule's separators are ones the readers split on, or an "empty entry" could be a tag.
    @Test func theEntrySeparatorsAreTheReadersOwn() {
        for separator in AmenityEntries.separators {
            #expect(AmenitySet.splitList("toilet\(separator)rest") == ["toilet", "rest"], "\(separator)")
        }
    }

    @Test func fixDropsEmptyAndRepeatedEntriesInCSV() throws {
        let path = NSTemporaryDirectory() + "entries-\(UUID().uuidString).csv"
        try "id,name,kind,lat,lon,amenities\nA,驿站甲,outdoor-worker-station,37.861001,112.566321,toilet;;rest\nB,驿站乙,outdoor-worker-station,37.871001,112.566321,淋浴;shower;;toilet;淋浴\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let load = try StationLoader.load(paths: [path], keepingSources: true)
        var report = try Auditor(rules: AuditRules.all, coverage: false).audit(load, files: [path])
        let cleaned = Auditor.fix(load, report: &report)
        #expect(String(decoding: CleanedRecords.encode(cleaned, as: .csv), as: UTF8.self) == """
            id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator,crs
            A,驿站甲,outdoor-worker-station,37.861001,112.566321,toilet;rest,,,,,,,
            B,驿站乙,outdoor-worker-station,37.871001,112.566321,shower;toilet,,,,,,,

            """)
        // Each rule's change on its own, in the order applied: empty entries, repeats, then the alias.
        #expect(report.changes.filter { $0.field == "amenities" }.map { "\($0.location) \($0.rule) \($0.from) → \($0.to)" } == [
            "line 2 empty-amenity toilet;;rest → toilet;rest",
            "line 3 empty-amenity 淋浴;shower;;toilet;淋浴 → 淋浴;shower;toilet;淋浴",
            "line 3 repeated-amenity 淋浴;shower;toilet;淋浴 → 淋浴;toilet",
            "line 3 non-canonical-tag 淋浴;toilet → shower;toilet",
        ])
    }

    // MARK: - Coordinates written as strings

    @Test func quotedCoordinatesAreOneFixableErrorEachNotAlsoAReaderComplaint() throws {
        let (load, report) = try auditGeoJSON([
            stationFeature(id: #""Q-1""#, coordinates: #""112.566321", "37.863512""#),
            stationFeature(id: #""Q-2""#, coordinates: #"112.566321, "95.5""#),
            stationFeature(id: #""Q-3""#, coordinates: #"112.566321, "NaN""#),
        ])
        #expect(load.stations.isEmpty)
        #expect(load.errors.map(\.description) == [
            #"t.geojson, feature 0, field 'lat', value '"37.863512"': latitude is a string, not a number; write it as a number, without quotes"#,
            #"t.geojson, feature 0, field 'lon', value '"112.566321"': longitude is a string, not a number; write it as a number, without quotes"#,
            #"t.geojson, feature 1, field 'lat', value '"95.5"': latitude is a string, not a number; write it as a number, without quotes"#,
            "t.geojson, feature 2, field 'lat', value 'NaN': latitude is not a finite number",
        ])
        let message = { (name: String) in "\(name) is a string, not a number (RFC 7946 positions are numbers); stations near skips the station" }
        #expect(report.findings.filter { $0.rule == "coordinate-as-string" } == [
            finding("coordinate-as-string", .error, "t.geojson", .feature(0), id: "Q-1", "lon", #""112.566321""#, message("longitude"),
                    suggestion: "write it as a number, without quotes: 112.566321"),
            finding("coordinate-as-string", .error, "t.geojson", .feature(0), id: "Q-1", "lat", #""37.863512""#, message("latitude"),
                    suggestion: "write it as a number, without quotes: 37.863512"),
            finding("coordinate-as-string", .error, "t.geojson", .feature(1), id: "Q-2", "lat", #""95.5""#, message("latitude"),
                    suggestion: "write it as a number, without quotes: 95.5"),
        ])
        // Told once: the reader's complaints are explained; the range and the NaN by their own rules.
        #expect(report.findings.filter { $0.severity == .error }.map(summaryLine) == [
            "feature 0 coordinate-as-string lon", "feature 0 coordinate-as-string lat",
            "feature 1 coordinate-as-string lat", "feature 1 coordinate-out-of-range lat",
            "feature 2 coordinate-not-a-number lat",
        ])
    }

    @Test func csvCoordinatesAreTextByNatureAndNeverFlagged() throws {
        // Quotes in CSV are syntax: the value read is 37.863512 either way.
        let report = try auditCSV([stationRow("C").replacingOccurrences(of: ",37.863512,", with: #","37.863512","#)])
        #expect(report.findings.filter { $0.rule == "coordinate-as-string" }.isEmpty)
        #expect(report.stationCount == 1)
    }

    // MARK: - Numeric ids

    @Test func aNumericIdIsAWarningAndCanCollideWithAStringOne() throws {
        let topLevel = stationFeature(id: "null").replacingOccurrences(of: #""id":null,"#, with: "")
            .replacingOccurrences(of: #"{"type":"Feature","#, with: #"{"type":"Feature","id":17.0,"#)
        let (load, report) = try auditGeoJSON([
            stationFeature(id: "17"),
            stationFeature(id: #""17""#, coordinates: "112.566321,37.873512"),
            topLevel.replacingOccurrences(of: "37.863512", with: "37.883512"),
        ])
        let message = #"the id is a number; ids are compared as text, so 17, 17.0 and "17" are different ids, or the same by accident"#
        #expect(report.findings.filter { $0.rule == "numeric-id" } == [
            finding("numeric-id", .warning, "t.geojson", .feature(0), id: "17", "id", "17", message, suggestion: #"write it as a string: "17""#),
            finding("numeric-id", .warning, "t.geojson", .feature(2), id: "17.0", "id", "17.0", message, suggestion: #"write it as a string: "17.0""#),
        ])
        // 17 and "17" are one id to every reader: the second is a duplicate.
        #expect(report.findings.filter { $0.rule == "duplicate-id" }.map(summaryLine) == ["feature 1 duplicate-id id"])
        #expect(load.stations.map(\.id) == ["17", "17.0"])
    }

    // MARK: - --fix on GeoJSON

    @Test func fixWritesNumbersStringsAndCleanListsInGeoJSON() throws {
        let (load, audited) = try auditGeoJSON([
            stationFeature(id: "7", coordinates: #""112.566321", " 37.863512""#, amenities: #"["toilet", "", "toilet"]"#),
        ])
        var report = audited
        let cleaned = Auditor.fix(load, report: &report)
        let geojson = String(decoding: CleanedRecords.encode(cleaned, as: .geojson), as: UTF8.self)
        #expect(geojson == """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[112.566321,37.863512]},"properties":{"id":"7","name":"迎泽区工会驿站","kind":"outdoor-worker-station","amenities":["toilet"],"address":"山西省太原市迎泽区迎泽大街1号","province":"山西省","city":"太原市","opening_hours":"Mo-Su 07:00-21:00","phone":"0351-4040123","operator":"迎泽区总工会"}}
            ]}

            """)
        #expect(report.changes.map { "\($0.location) \($0.rule) \($0.field) \($0.from) → \($0.to)" } == [
            #"feature 0 empty-amenity amenities ["toilet","","toilet"] → ["toilet","toilet"]"#,
            #"feature 0 repeated-amenity amenities ["toilet","toilet"] → ["toilet"]"#,
            #"feature 0 numeric-id id 7 → "7""#,
            #"feature 0 coordinate-as-string lon "112.566321" → 112.566321"#,
            #"feature 0 coordinate-as-string lat " 37.863512" → 37.863512"#,
        ])
        // The errors were all fixed, and the copy reads back as a clean, usable station.
        #expect(report.count(.error) == 2 && report.remainingErrors == 0)
        let path = NSTemporaryDirectory() + "fixed-\(UUID().uuidString).geojson"
        try Data(geojson.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let again = try StationLoader.load(paths: [path], keepingSources: true)
        #expect(again.errors.isEmpty && again.stations.map(\.id) == ["7"])
        let reaudit = try Auditor(coverage: false).audit(again, files: [path])
        #expect(reaudit.findings.map(summaryLine) == [])
    }
}
