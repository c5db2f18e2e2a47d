import Foundation
import Testing
@testable import StationAnalysis
@testable import StationKit

/// The bad files under Fixtures/audit and exactly what the audit must say of each: every row of
/// the registries is built to trip one rule (row 2 trips none), so a missed or extra finding fails.
@Suite struct AuditCorpusTests {
    @Test(arguments: ["taiyuan-registry.csv", "taiyuan-registry.geojson", "bom.csv", "gb18030.csv"])
    func corpusGivesExactlyTheExpectedFindings(_ name: String) throws {
        let (_, report) = try auditEverything(paths: [auditFixture(name)])
        let expectedName = name.replacingOccurrences(of: ".", with: "-") + ".expected"
        let expected = try String(contentsOfFile: auditFixture(expectedName), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(report.findings.map(summaryLine) == expected)
    }

    @Test func everyFindingNamesItsFileRecordAndMessage() throws {
        let path = auditFixture("taiyuan-registry.csv")
        let (_, report) = try auditEverything(paths: [path])
        for finding in report.findings {
            #expect(finding.file == path)
            #expect(finding.location != nil)
            #expect(!finding.message.isEmpty)
        }
        // Every row of the corpus has an id, even the one cut short.
        #expect(report.findings.allSatisfy { $0.recordID != nil })
    }

    @Test func gb18030IsReadAndSaidSo() throws {
        let (load, report) = try auditEverything(paths: [auditFixture("gb18030.csv")])
        #expect(load.stations.map(\.name) == ["小店区司机之家", "坞城路工会驿站"])
        #expect(report.notices.contains { $0.contains("GB18030") })
    }

    @Test func byteOrderMarkIsNotPartOfTheFirstColumn() throws {
        let (load, report) = try auditEverything(paths: [auditFixture("bom.csv")])
        #expect(load.stations.map(\.id) == ["BOM-1", "BOM-2"])
        #expect(report.findings.isEmpty)
    }

    @Test func unreadableFilesStopTheAuditWithTheirReason() {
        #expect(throws: DataFileError.self) { try StationLoader.load(paths: [auditFixture("nan.geojson")], keepingSources: true) }
    }

    @Test func aQuoteNeverClosedIsOneFindingAtItsLine() throws {
        let (load, report) = try auditEverything(paths: [auditFixture("unterminated-quote.csv")])
        #expect(load.stations.isEmpty)
        #expect(report.findings.map(\.rule) == ["unreadable-record"])
        #expect(report.findings.first?.location == .line(2))
        #expect(report.findings.first?.message.contains("never closed") == true)
        #expect(load.unsplitRecords.count == 1)
    }

    @Test func theEmbeddedDataHasNoErrorsOrWarnings() throws {
        let load = StationLoader.loadDefault(keepingSources: true)
        let report = try Auditor(coverage: false).audit(load, files: [StationLoader.defaultDataName])
        #expect(report.recordCount == load.stations.count)
        #expect(report.findings.filter { $0.severity != .info }.map(summaryLine) == [])
    }

    @Test func coverageCountsEveryStationOnceAndIsolationMatchesBruteForce() throws {
        let load = try StationLoader.load(paths: [auditFixture("taiyuan-registry.csv")], keepingSources: true)
        let report = try Auditor(rules: [], coverage: true).audit(load, files: ["t"])
        let coverage = try #require(report.coverage)
        #expect(coverage.provinces.map(\.total).reduce(0, +) == load.stations.count)
        // Brute force: an outdoor station is isolated when no other outdoor station lies within 2 km.
        let outdoor = load.stations.indices.filter { load.stations[$0].kind == .outdoorWorkerStation }
        var expected: [String: (Int, Int)] = [:]
        for i in outdoor {
            let alone = !outdoor.contains { $0 != i && load.stations[$0].coordinate.geodesicDistance(to: load.stations[i].coordinate) <= 2000 }
            expected[load.stations[i].city, default: (0, 0)].0 += 1
            if alone { expected[load.stations[i].city, default: (0, 0)].1 += 1 }
        }
        #expect(coverage.cities.count == expected.count)
        for row in coverage.cities {
            #expect(row.stations == expected[row.city]?.0)
            #expect(row.isolated == expected[row.city]?.1)
        }
    }
}
