import Foundation
import Testing
import TestSupport

/// Every command that reads a file, run as the built binary on generated pathological files: each
/// must end with an exit code (never a signal), name the file, and leave no output file or
/// temporary file behind when it fails.
@Suite struct HostileInputEndToEndTests {
    /// The pathological files, written once into one folder.
    final class Files: Sendable {
        let folder: String
        init() throws {
            folder = NSTemporaryDirectory() + "stations-hostile-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let depth = 1_000_000
            try write("deep.geojson", Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8))
            try write("deep-route.geojson", Array((#"{"type":"FeatureCollection","features":"# + String(repeating: "[", count: depth)
                + String(repeating: "]", count: depth) + "}").utf8))
            var rng = SeededGenerator(seed: 0x5EED_0BAD)
            try write("random.bin", (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let header = "id,name,kind,lat,lon,amenities\n", good = "ok-1,迎泽区工会驿站,outdoor-worker-station,37.86,112.56,toilet\n"
            try write("unclosed.csv", Array((header + good + "q-2,\"never closed,driver-home,37.9,112.5,\n" + good).utf8))
            try write("long-field.csv", Array((header + "big," + String(repeating: "x", count: 1 << 20) + ",driver-home,37.9,112.5,\n" + good).utf8))
        }

        func path(_ name: String) -> String { folder + "/" + name }

        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }
    }

    static let files = Result { try Files() }

    static let unreadable = ["deep.geojson", "deep-route.geojson", "random.bin"]

    /// Runs the binary and checks it ended by an exit, not a signal.
    static func run(_ arguments: [String]) throws -> ProcessResult {
        let result = try runBinary(arguments)
        #expect(!result.signalled, "\(arguments) ended by signal \(result.status): \(result.stderr.prefix(400))")
        return result
    }

    @Test(arguments: unreadable)
    func everyCommandRefusesAFileItCannotReadWithExit65(_ name: String) throws {
        let files = try Self.files.get()
        let file = files.path(name)
        let output = files.path("out-\(name).geojson")
        let commands: [[String]] = [
            ["near", "37.9,112.5", "--data", file],
            ["audit", "--data", file],
            ["audit", "--data", file, "--fix", "-o", output],
            ["stats", "--data", file],
            ["show", "stn-1", "--data", file],
            ["export", "--data", file, "-o", output],
            ["index", "build", "--data", file, "-o", output],
            ["index", "verify", file],
            ["near", "--batch", file],
            ["along", file],
            ["coverage", "--radius", "1km", "--region", file],
            ["audit", "--regions", file],
        ]
        for command in commands {
            let result = try Self.run(command)
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains(file), "\(command) names the file: \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count <= 2, "a short message: \(result.stderr.prefix(400))")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: files.folder).filter { $0.contains("out-") }
        #expect(left.isEmpty, "no output or temporary file after a failure: \(left)")
    }

    @Test func nestingErrorsSayWhereAndWhy() throws {
        let files = try Self.files.get()
        let result = try Self.run(["near", "37.9,112.5", "--data", files.path("deep.geojson")])
        #expect(result.stderr == "stations: \(files.path("deep.geojson")): not valid JSON: arrays and objects nested more than 512 deep; no GeoJSON needs that many, so the file is damaged or not GeoJSON (line 1, column 513)\n")
    }

    @Test(arguments: ["unclosed.csv", "long-field.csv"])
    func aDamagedRowIsSkippedAndTheRestAnswers(_ name: String) throws {
        let files = try Self.files.get()
        let near = try Self.run(["near", "37.9,112.5", "--data", files.path(name), "--format", "json"])
        #expect(near.status == 0)
        #expect(near.stdout.contains(#""id":"ok-1""#))
        #expect(near.stderr.contains("1 bad record skipped"))
        #expect(near.stderr.utf8.count < 1_000, "the message quotes no megabyte field")
        let strict = try Self.run(["near", "37.9,112.5", "--data", files.path(name), "--strict"])
        #expect(strict.status == 65)
        let audit = try Self.run(["audit", "--data", files.path(name), "--format", "json"])
        #expect(audit.status == 0)
        #expect(audit.stdout.contains(#""rule":"unreadable-record""#))
        let output = files.path("fixed-\(name)")
        let fix = try Self.run(["audit", "--data", files.path(name), "--fix", "-o", output])
        #expect(fix.status == 65, "a cleaned copy would lose the row it cannot split")
        #expect(fix.stderr.contains("no cleaned copy written"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func inputsMayBePipes() throws {
        let batch = try runBinary(["near", "--batch", "-", "--limit", "1"], stdin: "id,lat,lon\np1,37.9,112.5\n")
        #expect(batch.status == 0)
        #expect(batch.stdout.split(separator: "\n").dropFirst().first?.hasPrefix("p1,1,") == true)
        // A FIFO is what `--data <(command)` gives: /dev/fd/N is a pipe, not a file that can be mapped.
        let files = try Self.files.get()
        let fifo = files.path("registry.fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data("id,name,kind,lat,lon,amenities\nf-1,管道驿站,outdoor-worker-station,37.9,112.5,shower\n".utf8))
            try? handle?.close()
        }
        writer.start()
        let near = try Self.run(["near", "37.9,112.5", "--data", fifo, "--format", "json"])
        #expect(near.status == 0, "\(near.stderr)")
        #expect(near.stdout.contains(#""id":"f-1""#))
        let both = try runBinary(["near", "--batch", "-", "--data", "-"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("both read standard input"))
    }
}
