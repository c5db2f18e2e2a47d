import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI

/// `stations index build`, `stations index verify`, and `near --data` on a snapshot, through the
/// real binary: same answers as from the registry, clear errors with sysexits codes, no partial files.
@Suite struct SnapshotCommandTests {
    /// The 1k-station registry of the StationKit tests.
    static let registry = fixturePath("../../StationKitTests/Fixtures/stations-1k.csv")

    /// A fresh folder holding a snapshot of the 1k registry, `stations.idx`.
    func folderWithSnapshot() throws -> (folder: URL, snapshot: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stations-cli-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let snapshot = folder.appendingPathComponent("stations.idx").path
        let build = try runBinary(["index", "build", "--data", Self.registry, "-o", snapshot])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.isEmpty)
        #expect(build.stderr.hasPrefix("stations: wrote \(snapshot): 1000 stations, "))
        return (folder, snapshot)
    }

    /// Files in `folder`, hidden ones included (a leftover temporary file would show here).
    func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func nearOnASnapshotPrintsExactlyWhatTheRegistryGives() throws {
        let (folder, snapshot) = try folderWithSnapshot()
        defer { try? FileManager.default.removeItem(at: folder) }
        let queries: [[String]] = [
            ["37.9,112.5", "--need", "shower"],
            ["31.2,121.5", "--need", "淋浴,停车", "--limit", "10", "--format", "json"],
            ["23.1,113.3", "--kind", "driver-home", "--format", "geojson"],
            ["39.9,116.4", "--within", "20km", "--limit", "50", "--format", "csv"],
            ["39.9,116.4", "--need", "lactation-room,vehicle-repair", "--within", "5km", "--format", "json"],
            ["37.9006,112.5065", "--crs", "gcj02", "--format", "json"],
            ["-33.86,151.2", "--limit", "1"],
        ]
        for query in queries {
            let fromSnapshot = try runBinary(["near"] + query + ["--data", snapshot])
            let fromRegistry = try runBinary(["near"] + query + ["--data", Self.registry])
            #expect(fromSnapshot.status == 0 && fromRegistry.status == 0, "\(query): \(fromSnapshot.stderr)")
            #expect(fromSnapshot.stdout == fromRegistry.stdout, "\(query)")
            #expect(fromSnapshot.stderr == fromRegistry.stderr, "\(query)")
            #expect(!fromSnapshot.stdout.isEmpty)
        }
        // Found by content, not by name; and through $STATIONS_DATA like any data file.
        let renamed = folder.appendingPathComponent("stations.geojson").path
        try FileManager.default.copyItem(atPath: snapshot, toPath: renamed)
        let byContent = try runBinary(["near", "37.9,112.5", "--data", renamed, "--format", "json"])
        let byEnvironment = try runBinary(["near", "37.9,112.5", "--format", "json"], environment: ["STATIONS_DATA": snapshot])
        let expected = try runBinary(["near", "37.9,112.5", "--data", Self.registry, "--format", "json"])
        #expect(byContent.stdout == expected.stdout && byEnvironment.stdout == expected.stdout)
    }

    @Test func batchOnASnapshotMatchesTheRegistry() throws {
        let (folder, snapshot) = try folderWithSnapshot()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = "id,lat,lon,need\n"
        var rng = SystemRandomNumberGenerator()
        for i in 0..<500 {
            rows += "p\(i),\(Double.random(in: 20...45, using: &rng)),\(Double.random(in: 100...122, using: &rng)),\(i % 4 == 0 ? "toilet" : "")\n"
        }
        let points = folder.appendingPathComponent("points.csv").path
        try Data(rows.utf8).write(to: URL(fileURLWithPath: points))
        for format in ["csv", "jsonl"] {
            let fromSnapshot = try runBinary(["near", "--batch", points, "--need", "shower", "--format", format, "--data", snapshot])
            let fromRegistry = try runBinary(["near", "--batch", points, "--need", "shower", "--format", format, "--data", Self.registry])
            #expect(fromSnapshot.status == 0)
            #expect(fromSnapshot.stdout == fromRegistry.stdout)
            #expect(fromSnapshot.stdout.split(separator: "\n").count >= 500)
        }
    }

    @Test func verifyReportsWhatItCheckedAndFindsDamage() throws {
        let (folder, snapshot) = try folderWithSnapshot()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try runBinary(["index", "verify", snapshot])
        #expect(good.status == 0)
        #expect(good.stderr.isEmpty)
        #expect(good.stdout.hasPrefix("\(snapshot): ok, snapshot format 3, 1000 stations, grid of "))
        #expect(good.stdout.contains("records"))
        #expect(good.stdout.contains("checked: magic bytes, format version and the header checksum"))

        // One byte of a station's name: the structure holds, so near still opens it; verify does not.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshot)))
        let header = try bytes.withUnsafeBytes { try SnapshotHeader.decode($0, file: snapshot) }
        let records = header.entry(.records)
        bytes[records.offset + records.length / 2] ^= 0x20
        let damaged = folder.appendingPathComponent("damaged.idx").path
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        #expect(try runBinary(["near", "37.9,112.5", "--data", damaged]).status == 0)
        let bad = try runBinary(["index", "verify", damaged])
        #expect(bad.status == 65)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr == "stations: \(damaged): checksum mismatch in section 'records' (bytes \(records.offset)..<\(records.end)): the file is damaged; rebuild it with `stations index build`\n")
    }

    @Test func brokenSnapshotsGetAClearErrorAndExitCode() throws {
        let (folder, snapshot) = try folderWithSnapshot()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshot)))
        func write(_ name: String, _ content: [UInt8]) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try Data(content).write(to: URL(fileURLWithPath: path))
            return path
        }
        let truncated = try write("truncated.idx", Array(bytes.prefix(bytes.count - 1000)))
        var future = bytes
        future[8] = 4
        let wrongVersion = try write("future.idx", future)
        var headerDamage = bytes
        headerDamage[30] ^= 1
        let damagedHeader = try write("header.idx", headerDamage)
        let header = try bytes.withUnsafeBytes { try SnapshotHeader.decode($0, file: snapshot) }
        var outOfRange = bytes
        outOfRange.replaceSubrange(header.entry(.sortedEntry).offset + 28..<header.entry(.sortedEntry).offset + 32, with: [0xFF, 0xFF, 0, 0])
        let badPosition = try write("position.idx", outOfRange)

        let cases: [(String, Int32, String)] = [
            (truncated, 65, "\(truncated): truncated: section 'records' needs bytes"),
            (wrongVersion, 65, "\(wrongVersion): snapshot format version 4, this stations reads version 3; rebuild it with `stations index build`"),
            (damagedHeader, 65, "\(damagedHeader): corrupt: the checksum of the header and section table does not match"),
        ]
        for (path, status, message) in cases {
            for (command, expected) in [(["near", "37.9,112.5", "--data", path], message), (["index", "verify", path], message)] {
                let result = try runBinary(command)
                #expect(result.status == status, "\(command): \(result.stderr)")
                #expect(result.stderr.hasPrefix("stations: \(expected)"), "\(command): \(result.stderr)")
                #expect(result.stdout.isEmpty)
            }
        }
        // A station number out of range is not read at open: near answers without it, verify
        // finds the damage (by checksum first).
        let skipped = try runBinary(["near", "37.9,112.5", "--data", badPosition])
        #expect(skipped.status == 0 && skipped.stdout.contains("5 nearest stations"), "\(skipped.stderr)")
        let found = try runBinary(["index", "verify", badPosition])
        #expect(found.status == 65)
        #expect(found.stderr.hasPrefix("stations: \(badPosition): checksum mismatch in section 'sorted-entry'"), "\(found.stderr)")
        let missing = try runBinary(["index", "verify", folder.appendingPathComponent("none.idx").path])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("none.idx: no such file"))
        let notSnapshot = try runBinary(["index", "verify", Self.registry])
        #expect(notSnapshot.status == 65)
        #expect(notSnapshot.stderr.contains("not a stations index snapshot"))
    }

    @Test func otherCommandsAndMixedDataRefuseSnapshotsClearly() throws {
        let (folder, snapshot) = try folderWithSnapshot()
        defer { try? FileManager.default.removeItem(at: folder) }
        for command in [["show", "stn-SX-816720"], ["stats"], ["export"], ["index", "build", "-o", folder.appendingPathComponent("again.idx").path]] {
            let result = try runBinary(command + ["--data", snapshot])
            #expect(result.status == 64, "\(command)")
            #expect(result.stderr == "stations: \(snapshot) is an index snapshot, which only `stations near` reads; give this command the GeoJSON or CSV file it was built from\n")
        }
        let mixed = try runBinary(["near", "37.9,112.5", "--data", snapshot, "--data", Self.registry])
        #expect(mixed.status == 64)
        #expect(mixed.stderr.contains("is an index snapshot, which is read on its own"))
        let datum = try runBinary(["near", "37.9,112.5", "--data", snapshot, "--input-crs", "gcj02"])
        #expect(datum.status == 64)
        #expect(datum.stderr.contains("--input-crs applies to GeoJSON and CSV"))
    }

    @Test func buildWritesCompleteFilesOrNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stations-cli-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("stations.idx").path

        // Bad records with --strict: nothing is written, no temporary file is left.
        let registry = folder.appendingPathComponent("bad.csv").path
        try Data(BinaryEndToEndTests.badCSV.utf8).write(to: URL(fileURLWithPath: registry))
        let strict = try runBinary(["index", "build", "--data", registry, "--strict", "-o", target])
        #expect(strict.status == 65)
        #expect(try contents(of: folder) == ["bad.csv"])

        // Without --strict the good record is kept and the summary says what was skipped.
        let lenient = try runBinary(["index", "build", "--data", registry, "-o", target])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("2 bad records skipped"))
        #expect(try contents(of: folder) == ["bad.csv", "stations.idx"])
        let near = try runBinary(["near", "37.9,112.5", "--data", target, "--format", "csv"])
        #expect(near.stdout.split(separator: "\n").count == 2 && near.stdout.contains("a1,好站"))

        // A folder that does not exist: an I/O error; binary output to stdout: a usage error.
        let nowhere = try runBinary(["index", "build", "--data", Self.registry, "-o", "/no/such/folder/s.idx"])
        #expect(nowhere.status == 74)
        #expect(nowhere.stderr.contains("the folder /no/such/folder does not exist"))
        let stdout = try runBinary(["index", "build", "--data", Self.registry, "-o", "-"])
        #expect(stdout.status == 64)
        #expect(stdout.stderr.contains("give -o a file name"))
        #expect(try runBinary(["index", "build", "--data", "/no/such/file.csv", "-o", target]).status == 66)

        // Built from the embedded sample when no --data is given.
        let embedded = try runBinary(["index", "build", "-o", target])
        #expect(embedded.status == 0)
        #expect(embedded.stderr.contains(": \(defaultStations.count) stations, "))
    }

    @Test func helpListsTheIndexCommands() throws {
        let help = try runBinary(["index", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("build") && help.stdout.contains("verify"))
        #expect(try runBinary(["--help"]).stdout.contains("index"))
    }
}
