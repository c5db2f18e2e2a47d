import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI
import TestSupport

/// `kill -9` while a command writes `-o`: whatever the moment, the target is absent, still exactly
/// the file that was there, or complete (byte for byte the output of an uninterrupted run, which is
/// itself read back and checked). A `.NAME.tmp-PID` may stay: nothing runs on SIGKILL.
///
/// The registries are small for "large" (20,000 stations, the audit 8,000) because the test runs
/// the debug binary, which reads about 20,000 stations a second on a busy machine; the kills are
/// timed from an uninterrupted run, so they still fall before the output exists and mid-write.
@Suite struct InterruptedWriteTests {
    static let registry = SyntheticRegistry(count: 20_000, seed: 0x5EED_0016)
    static let auditRegistry = SyntheticRegistry(count: 8_000, seed: 0x5EED_0017)
    static let registryPath = try! registry.write(named: "registry.csv")
    /// Values ending in 0 padded with a space, so `--fix` has something to change.
    static let auditPath = try! temporaryFile("audit.csv", auditRegistry.csv.replacingOccurrences(of: "0,", with: "0 ,"))
    static let route = "36,111.5;39,113"
    static let routeWidth = 20_000.0

    /// One command that writes `-o`, and what its complete output must be.
    struct WriteCase: Sendable, CustomTestStringConvertible {
        let name: String
        let target: String
        let arguments: @Sendable (_ output: String) -> [String]
        /// Throws or records an issue unless `path` holds a complete, valid output.
        let check: @Sendable (_ path: String) throws -> Void
        let seed: UInt64
        var testDescription: String { name }
    }

    static let cases: [WriteCase] = [
        WriteCase(name: "export", target: "stations.geojson", arguments: { ["export", "--data", registryPath, "-o", $0] }, check: { path in
            let read = try StationLoader.load(paths: [path])
            #expect(read.errors.isEmpty)
            #expect(read.stations.map(\.id) == registry.stations.map(\.id))
        }, seed: 1),
        WriteCase(name: "audit --fix", target: "cleaned.csv", arguments: { ["audit", "--data", auditPath, "--fix", "-o", $0] }, check: { path in
            let read = try StationLoader.load(paths: [path], keepingSources: true)
            #expect(read.sources.count == auditRegistry.stations.count)
            #expect(read.errors.isEmpty)
            #expect(read.stations.map(\.id) == auditRegistry.stations.map(\.id))
        }, seed: 2),
        WriteCase(name: "index build", target: "stations.idx", arguments: { ["index", "build", "--data", registryPath, "-o", $0] }, check: { path in
            let report = try StationSnapshot.verify(atPath: path)
            let index = try StationSnapshot.open(atPath: path)
            #expect(report.stationCount == registry.stations.count)
            #expect(index.count == registry.stations.count)
        }, seed: 3),
        WriteCase(name: "along", target: "along.geojson",
                  arguments: { ["along", route, "--within", "20km", "--data", registryPath, "--format", "geojson", "-o", $0] }, check: { path in
            let route = try Route(parts: [RouteArgument.parseInline(Self.route)])
            let expected = AlongCommandTests.bruteForce(registry.stations, route: route, width: routeWidth, filter: StationFilter())
            #expect(expected.count > 100)
            #expect(try StationLoader.load(paths: [path]).stations.map(\.id) == expected.map(\.id))
        }, seed: 4),
        WriteCase(name: "coverage", target: "gaps.geojson",
                  arguments: { ["coverage", "--radius", "2km", "--bbox", "111.5,36,112.5,37", "--data", registryPath, "-o", $0] }, check: { path in
            let root = try jsonObject(String(contentsOfFile: path, encoding: .utf8))
            let features = try #require(root["features"] as? [[String: Any]])
            #expect(features.count == 1, "one row for one --bbox")
            let geometry = features.first?["geometry"] as? [String: Any]
            #expect(["Polygon", "MultiPolygon"].contains(geometry?["type"] as? String ?? ""))
        }, seed: 5),
    ]

    static let oldContent = Data("the file that was there before\n".utf8)

    @Test(arguments: cases)
    func sigkillNeverLeavesAPartialTarget(_ test: WriteCase) throws {
        let folder = (try temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        let target = folder + "/" + test.target
        try FileManager.default.removeItem(atPath: folder + "/placeholder")
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // An uninterrupted run: the complete output, and when the temporary file appears and goes.
        let start = Date()
        let reference = try SpawnedProcess(test.arguments(target))
        let temporary = folder + "/." + test.target + ".tmp-\(reference.pid)"
        _ = reference.waitUntil { fileExists(temporary) }
        let opened = Date().timeIntervalSince(start)
        #expect(reference.wait() == .exited(0))
        let written = Date().timeIntervalSince(start) - opened
        try test.check(target)
        let complete = try Data(contentsOf: URL(fileURLWithPath: target))
        try FileManager.default.removeItem(atPath: target)

        var generator = SeededGenerator(seed: test.seed)
        var leftTemporary = 0
        /// Starts the command, kills it after `delay` (counted from its start, or from the moment its
        /// temporary file appears when `midWrite`), and checks what the kill left.
        func killedRun(_ place: String, midWrite: Bool, hadOld: Bool, delay: Double) throws {
            if hadOld { try Self.oldContent.write(to: URL(fileURLWithPath: target)) }
            let run = try SpawnedProcess(test.arguments(target))
            let runTemporary = folder + "/." + test.target + ".tmp-\(run.pid)"
            if midWrite { _ = run.waitUntil { fileExists(runTemporary) } }
            Thread.sleep(forTimeInterval: delay)
            run.send(SIGKILL)
            let ending = run.wait()

            let now = try? Data(contentsOf: URL(fileURLWithPath: target))
            let place = "\(test.name), \(place) (\(ending))"
            if now != complete {
                #expect(now == (hadOld ? Self.oldContent : nil), "\(place): the target is partial or lost")
            }
            let entries = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
            #expect(entries.isSubset(of: [test.target, "." + test.target + ".tmp-\(run.pid)"]), "\(place): \(entries.sorted())")
            if fileExists(runTemporary) {
                leftTemporary += 1
                try FileManager.default.removeItem(atPath: runTemporary)
            }
            try? FileManager.default.removeItem(atPath: target)
        }
        // Even trials kill before the output is opened, odd ones mid-write; trials 1 and 2 find an old file.
        for trial in 0..<4 {
            let midWrite = trial % 2 == 1
            let delay = midWrite ? Double.random(in: 0...0.5 * written, using: &generator)
                                 : Double.random(in: 0...0.8 * opened, using: &generator)
            try killedRun("trial \(trial)", midWrite: midWrite, hadOld: trial == 1 || trial == 2, delay: delay)
        }
        // A short write (a few milliseconds on a busy machine) can finish before the kill arrives:
        // kill the moment the temporary file is seen, a few more times, until one lands mid-write.
        for extra in 0..<8 where leftTemporary == 0 {
            try killedRun("extra trial \(extra)", midWrite: true, hadOld: extra % 2 == 0, delay: 0)
        }
        // The kill did land mid-write at least once (a temporary file was left), or the test proved little.
        #expect(leftTemporary >= 1, "\(test.name): no kill fell between opening and renaming")
    }
}
