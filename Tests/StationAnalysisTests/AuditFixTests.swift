import Foundation
import Testing
@testable import StationAnalysis
@testable import StationKit

/// `--fix`: only the unambiguous fixes, every change listed, no record dropped or otherwise touched.
@Suite struct AuditFixTests {
    func fixedCorpus() throws -> (LoadResult, [SourceRecord], AuditReport) {
        let (load, report) = try auditEverything(paths: [auditFixture("taiyuan-registry.csv")])
        var fixed = report
        let cleaned = Auditor.fix(load, report: &fixed)
        return (load, cleaned, fixed)
    }

    @Test func everyRecordIsKeptInOrderAndOnlyListedFieldsChange() throws {
        let (load, cleaned, report) = try fixedCorpus()
        #expect(cleaned.map(\.origin) == load.sources.map(\.origin))
        let changed = Set(report.changes.map { "\($0.location) \($0.field)" })
        for (before, after) in zip(load.sources, cleaned) {
            for field in RecordFixer.textFields where field.get(before.fields) != field.get(after.fields) {
                let listed = changed.contains("\(before.origin.location) \(field.name)")
                    || (["lat", "lon"].contains(field.name) && changed.contains("\(before.origin.location) lat,lon"))
                    || (field.name == "crs" && changed.contains("\(before.origin.location) lat,lon"))
                #expect(listed, "\(before.origin.location) \(field.name) changed without being listed")
            }
        }
        #expect(report.changes.map(\.rule).sorted() == ["declared-datum", "non-canonical-tag", "non-canonical-tag", "non-standard-opening-hours", "swapped-coordinates", "whitespace"])
    }

    @Test func theCleanedFileReadsBackWithTheFixesApplied() throws {
        let (load, cleaned, report) = try fixedCorpus()
        for format in CleanedRecords.Format.allCases {
            let path = NSTemporaryDirectory() + "cleaned-\(UUID().uuidString).\(format.rawValue)"
            try Data(CleanedRecords.encode(cleaned, as: format)).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let again = try StationLoader.load(paths: [path], keepingSources: true)
            #expect(again.sources.count == load.sources.count, "\(format)")
            let byID = Dictionary(again.stations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            // Swapped back into 太原.
            let swapped = try #require(byID["TY-002"], "\(format)")
            #expect(swapped.coordinate == Coordinate(latitude: 37.870215, longitude: 112.548731))
            // Canonical tags, trimmed name.
            #expect(byID["TY-020"]?.kind == .driverHome)
            #expect(byID["TY-025"]?.name == "迎泽区劳动者港湾")
            #expect(byID["TY-030"]?.openingHours == "Mo-Fr 08:30-17:30")
            // GCJ-02 converted once: the same WGS84 position as reading the original, now declared wgs84.
            let original = try #require(load.stations.first { $0.id == "TY-026" })
            let converted = try #require(byID["TY-026"])
            #expect(converted.sourceDatum == .wgs84)
            #expect(converted.coordinate.geodesicDistance(to: original.coordinate) < 0.02)
            // Re-auditing finds nothing left to fix.
            let reaudit = try Auditor(coverage: false).audit(again, files: [path])
            #expect(reaudit.findings.filter(\.fixable).map(summaryLine) == [], "\(format)")
        }
        #expect(report.remainingErrors == report.count(.error) - 1)
    }

    @Test func columnsOutsideTheFormatAndExtraFieldsSurviveCleaning() throws {
        let path = NSTemporaryDirectory() + "notes-\(UUID().uuidString).csv"
        try "id,name,kind,lat,lon,amenities,备注\nN-1, 驿站,outdoor-worker-station,37.863512,112.566321,toilet,周末有志愿者\nN-2,驿站二,outdoor-worker-station,37.873512,112.576321,toilet,有饮水机,多的一列\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let load = try StationLoader.load(paths: [path], keepingSources: true)
        var report = try Auditor(coverage: false).audit(load, files: [path])
        let cleaned = Auditor.fix(load, report: &report)
        let csv = String(decoding: CleanedRecords.encode(cleaned, as: .csv), as: UTF8.self)
        #expect(csv.contains(",备注,field 8\n"))
        #expect(csv.contains(",周末有志愿者,\n"))
        #expect(csv.contains(",有饮水机,多的一列\n"))
        let geojson = String(decoding: CleanedRecords.encode(cleaned, as: .geojson), as: UTF8.self)
        #expect(geojson.contains(#""备注":"周末有志愿者""#))
        #expect(report.changes.map { "\($0.location) \($0.field)" } == ["line 2 name", "line 3 (row)"])
    }
}
