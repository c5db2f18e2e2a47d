import Foundation
import Testing
@testable import StationAnalysis
@testable import StationKit

/// Each rule on a record that must trigger it and one that must not (a clean row by default).
@Suite struct AuditRuleTests {
    /// A rule, the fields that make a row trip it, and fields that look alike but are fine.
    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let bad: [String: String]
        let good: [String: String]
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "coordinate-not-a-number", bad: ["lat": "37°51'N"], good: ["lat": "37.851234"]),
        Case(rule: "coordinate-out-of-range", bad: ["lon": "212.566321"], good: ["lon": "112.566321"]),
        Case(rule: "swapped-coordinates", bad: ["lat": "112.566321", "lon": "37.863512"], good: ["lat": "37.863512", "lon": "112.566321"]),
        Case(rule: "null-island", bad: ["lat": "0.0001", "lon": "-0.0002"], good: [:]),
        Case(rule: "outside-china", bad: ["lat": "37.863512", "lon": "-112.566321"], good: ["lat": "22.279312", "lon": "114.162823", "province": "香港特别行政区"]),
        Case(rule: "low-precision", bad: ["lat": "37.86", "lon": "112.566321"], good: ["lat": "37.863", "lon": "112.566"]),
        Case(rule: "outside-declared-province", bad: ["province": "河北省"], good: ["province": "山西"]),
        Case(rule: "unknown-province", bad: ["province": "山西生"], good: ["province": "Shanxi"]),
        Case(rule: "declared-datum", bad: ["crs": "gcj02"], good: ["crs": "wgs84"]),
        Case(rule: "missing-name", bad: ["name": "  "], good: ["name": "驿站"]),
        Case(rule: "missing-address", bad: ["address": ""], good: ["address": "迎泽大街1号"]),
        Case(rule: "unknown-kind", bad: ["kind": "司机之屋"], good: ["kind": "driver-home", "amenities": "parking"]),
        Case(rule: "unknown-amenity", bad: ["amenities": "toilet;免费淋浴"], good: ["amenities": "toilet;shower"]),
        Case(rule: "non-canonical-tag", bad: ["amenities": "厕所;饮水"], good: ["amenities": "toilet;drinking-water"]),
        Case(rule: "no-amenities", bad: ["amenities": ""], good: ["amenities": "rest"]),
        Case(rule: "empty-amenity", bad: ["amenities": "toilet;;rest"], good: ["amenities": "toilet; rest"]),
        Case(rule: "repeated-amenity", bad: ["amenities": "toilet;rest;toilet"], good: ["amenities": "toilet;rest"]),
        Case(rule: "kind-lacks-amenity", bad: ["kind": "driver-home", "amenities": "shower;meals"],
             good: ["kind": "driver-home", "amenities": "parking;shower"]),
        Case(rule: "phone-format", bad: ["phone": "351-404012"], good: ["phone": "+86 351 4040123"]),
        Case(rule: "opening-hours", bad: ["opening_hours": "周一至周五 8点到18点"], good: ["opening_hours": "Mo-Fr 08:00-18:00"]),
        Case(rule: "non-standard-opening-hours", bad: ["opening_hours": "Mo-Fr 8:00-18:00"], good: ["opening_hours": "Mo-Fr 08:00-18:00; PH off"]),
        Case(rule: "whitespace", bad: ["city": "太原市 "], good: ["city": "太原市"]),
    ]

    @Test(arguments: cases)
    func ruleFiresOnTheBadRowOnly(_ test: Case) throws {
        let report = try auditCSV([stationRow("bad", test.bad), stationRow("good", test.good)])
        let fired = report.findings.filter { $0.rule == test.rule }
        #expect(fired.map(\.recordID) == ["bad"], "\(report.findings.map(summaryLine))")
        // The clean row is clean for every rule, not only this one.
        #expect(report.findings.filter { $0.recordID == "good" }.map(summaryLine) == [])
    }

    @Test func duplicateIDsPointAtTheFirstUse() throws {
        let report = try auditCSV([stationRow("A"), stationRow("B", ["lat": "37.9", "lon": "112.6"]), stationRow("A", ["lat": "37.95", "lon": "112.7", "name": "另一个"])])
        let duplicates = report.findings.filter { $0.rule == "duplicate-id" }
        #expect(duplicates.map(\.location) == [.line(4)])
        #expect(duplicates.first?.message.contains("line 2") == true)
    }

    @Test func similarNamesWithin50mAreOneStationButNumberedOnesAreNot() throws {
        // 0.0003° of latitude is about 33 m.
        let report = try auditCSV([
            stationRow("A", ["name": "迎泽区工会驿站（五一广场）"]),
            stationRow("B", ["name": "迎泽区工会驿站 五一广场", "lat": "37.863812"]),
            stationRow("C", ["name": "迎泽区工会驿站1号", "lat": "37.863312"]),
            stationRow("D", ["name": "迎泽区工会驿站2号", "lat": "37.863212"]),
            stationRow("E", ["name": "迎泽区工会驿站（五一广场）", "lat": "37.864212"]),
        ])
        // E is 78 m from A and 44 m from B, whose name matches once punctuation is ignored.
        #expect(report.findings.filter { $0.rule == "duplicate-nearby" }.map(\.recordID) == ["B", "E"])
    }

    @Test func fiveStationsOnOneSpotAreStackedFourAreNot() throws {
        let four = (1...4).map { stationRow("S\($0)", ["name": "驿站\($0)", "lat": "37.857123", "lon": "112.548456"]) }
        #expect(try auditCSV(four).findings.filter { $0.rule == "stacked-coordinates" }.isEmpty)
        let five = four + [stationRow("S5", ["name": "驿站5", "lat": "37.857123", "lon": "112.548456"])]
        #expect(try auditCSV(five).findings.filter { $0.rule == "stacked-coordinates" }.map(\.recordID) == ["S1", "S2", "S3", "S4", "S5"])
    }

    @Test func readerComplaintsAreToldOnceByTheRuleThatExplainsThem() throws {
        let report = try auditCSV([stationRow("X", ["lat": "112.566321", "lon": "37.863512"]), "short,row"])
        #expect(report.findings.map(summaryLine) == ["line 2 swapped-coordinates lat,lon", "line 3 unreadable-record -"])
    }

    @Test func gcj02CoordinatesDeclaredAsWGS84NearAProvinceLineAreCaught() throws {
        // 娘子关, 200 m inside 山西省 from 河北省: its GCJ-02 coordinates, read as WGS84, fall in 河北省.
        let gcj = ["name": "娘子关司机之家", "kind": "driver-home", "amenities": "parking;shower", "lat": "37.870581", "lon": "113.968742",
                   "city": "阳泉市"]
        var declared = gcj
        declared["crs"] = "gcj02"
        let report = try auditCSV([stationRow("undeclared", gcj), stationRow("declared", declared)])
        let mismatches = report.findings.filter { $0.rule == "datum-mismatch" }
        #expect(mismatches.map(\.recordID) == ["undeclared"])
        #expect(mismatches.first?.message.contains("likely GCJ-02") == true)
        // Declared, it is where the record says: no province finding either.
        #expect(report.findings.filter { $0.recordID == "declared" && $0.rule == "outside-declared-province" }.isEmpty)
    }

    @Test func unknownAmenitiesSuggestTheClosestTagAlsoForChinese() {
        #expect(UnknownAmenityRule.closest(to: "showr") == .shower)
        #expect(UnknownAmenityRule.closest(to: "免费淋浴") == .shower)
        #expect(UnknownAmenityRule.closest(to: "母婴") == .lactationRoom)
        #expect(UnknownAmenityRule.closest(to: "xyzzy") == nil)
    }

    @Test func selectingRulesByIdRejectsUnknownOnesWithASuggestion() throws {
        let picked = try AuditRules.selecting(["phone-format", "whitespace"]).get()
        #expect(picked.map { type(of: $0).id } == ["phone-format", "whitespace"])
        guard case .failure(let error) = AuditRules.selecting(["phone-formt"]) else { Issue.record("accepted an unknown id"); return }
        #expect(error.description.contains("did you mean 'phone-format'"))
    }

    @Test func ruleIdsAreUnique() {
        #expect(Set(AuditRules.ids).count == AuditRules.ids.count)
    }
}
