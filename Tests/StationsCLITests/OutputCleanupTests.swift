import Foundation
import Testing
@testable import StationsCLI
import TestSupport

/// The built binary when writing `-o` fails or is interrupted by a catchable signal: no temporary
/// file is left, and the target is absent, the old file, or complete.
@Suite struct OutputCleanupTests {
    /// A new empty folder.
    func scratchFolder() throws -> String {
        let folder = (try temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        try FileManager.default.removeItem(atPath: folder + "/placeholder")
        return folder
    }

    func entries(_ folder: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    @Test func aFailedRenameLeavesNoTemporaryFile() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A folder where the file should go: everything succeeds up to the rename.
        let target = folder + "/cleaned.csv"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        let result = try runBinary(["audit", "--data", AuditCommandTests.corpus("taiyuan-registry.csv"), "--fix", "-o", target])
        #expect(result.status == 74)
        #expect(result.stderr.contains("stations: cannot write \(target): Is a directory"))
        #expect(try entries(folder) == ["cleaned.csv"])
        #expect(try entries(target) == [])
    }

    /// A write that fails after writing began: the file-size limit (its signal ignored, so write(2)
    /// fails with EFBIG instead) stops the export a few kilobytes in.
    @Test func aFailedWriteLeavesNoTemporaryFile() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/stations.geojson"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"trap '' XFSZ; ulimit -f 16; exec "$0" "$@""#, try stationsBinary().path, "export", "-o", target]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74)
        #expect(message.contains("stations: cannot write \(target): File too large"), "\(message)")
        #expect(try entries(folder) == [])
    }

    struct SignalCase: Sendable, CustomTestStringConvertible {
        let signal: Int32
        let name: String
        let oldFile: Bool
        var testDescription: String { name }
    }

    static let signalCases = [
        SignalCase(signal: SIGTERM, name: "SIGTERM", oldFile: false),
        SignalCase(signal: SIGINT, name: "SIGINT", oldFile: true),
    ]

    /// Ctrl-C or `kill` mid-write: the handler removes the temporary file and the signal still ends
    /// the process (a shell reports 130 or 143).
    @Test(arguments: signalCases)
    func aCatchableSignalMidWriteRemovesTheTemporaryFile(_ test: SignalCase) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/stations.geojson"
        let old = Data("the old export\n".utf8)
        if test.oldFile { try old.write(to: URL(fileURLWithPath: target)) }
        var generator = SeededGenerator(seed: UInt64(test.signal))
        let run = try SpawnedProcess(["export", "--data", InterruptedWriteTests.registryPath, "-o", target])
        let temporary = folder + "/.stations.geojson.tmp-\(run.pid)"
        #expect(run.waitUntil { fileExists(temporary) }, "the export never opened its output")
        // Into the write, which takes a few hundred milliseconds for this registry.
        usleep(useconds_t.random(in: 0...50_000, using: &generator))
        run.send(test.signal)
        let ending = run.wait()
        #expect(ending == .signalled(test.signal))
        #expect(!fileExists(temporary))
        let now = try? Data(contentsOf: URL(fileURLWithPath: target))
        #expect(now == (test.oldFile ? old : nil))
        #expect(try entries(folder) == (test.oldFile ? ["stations.geojson"] : []))
    }
}
