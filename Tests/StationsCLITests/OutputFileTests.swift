import Foundation
import Testing
@testable import StationsCLI

/// The promise every command's output makes: a file appears whole or not at all, and a failed run
/// leaves what was there before, and no temporary file beside it.
@Suite struct OutputFileTests {
    struct Interrupted: Error {}

    /// A new empty folder, and the path of `name` in it.
    func scratch(_ name: String) throws -> (folder: String, path: String) {
        let folder = (try temporaryFile("placeholder", "") as NSString).deletingLastPathComponent
        try FileManager.default.removeItem(atPath: folder + "/placeholder")
        return (folder, folder + "/" + name)
    }

    func contents(of folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func aCompletedOutputIsRenamedIntoPlace() throws {
        let (folder, path) = try scratch("out.txt")
        let console = CapturedConsole()
        let returned = try OutputFile(path: path, console: console.console).complete { file in
            file.write("first line\n")
            file.write(bytes: Array("second line\n".utf8))
            return 7
        }
        #expect(returned == 7)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first line\nsecond line\n")
        #expect(try contents(of: folder) == ["out.txt"], "no temporary file left beside it")
        #expect(console.output.isEmpty, "a file output writes nothing to the console")
    }

    @Test func aFailureAfterWritingLeavesNoFile() throws {
        let (folder, path) = try scratch("out.txt")
        let file = try OutputFile(path: path, console: CapturedConsole().console)
        #expect(throws: Interrupted.self) {
            try file.complete { file in
                file.write(String(repeating: "x", count: 3 << 20))  // past the flush threshold: on disk already
                throw Interrupted()
            }
        }
        #expect(try contents(of: folder).isEmpty)
        file.abandon()  // a second time: nothing to do, no error
    }

    @Test func anOutputDroppedWithoutCommitLeavesNoFile() throws {
        let (folder, path) = try scratch("out.txt")
        do {
            let file = try OutputFile(path: path, console: CapturedConsole().console)
            file.write(String(repeating: "y", count: 2 << 20))
            #expect(try contents(of: folder).count == 1, "the temporary file is there while writing")
        }
        #expect(try contents(of: folder).isEmpty)
    }

    @Test func aFailureKeepsTheFileThatWasThere() throws {
        let (folder, path) = try scratch("registry.csv")
        try Data("id,name\nold,kept\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: Interrupted.self) {
            try OutputFile(path: path, console: CapturedConsole().console).complete { file in
                file.write("id,name\nnew,half\n")
                throw Interrupted()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,name\nold,kept\n")
        #expect(try contents(of: folder) == ["registry.csv"])
    }

    @Test func withoutAFileTheWorkStillRunsAndItsErrorPassesOn() throws {
        var ran = false
        let value = try OutputFile.complete(nil) { ran = true; return "report" }
        #expect(ran && value == "report")
        #expect(throws: Interrupted.self) { try OutputFile.complete(nil) { () throws -> Int in throw Interrupted() } }
    }

    @Test func standardOutputGoesToTheConsoleOnCommit() throws {
        let console = CapturedConsole()
        try OutputFile(path: "-", console: console.console).complete { $0.write("to stdout\n") }
        #expect(console.output == "to stdout\n")
    }

    @Test func aMissingFolderIsRefusedBeforeAnyWork() throws {
        #expect(throws: CLIError.self) { try OutputFile(path: "/no/such/folder/out.txt", console: CapturedConsole().console) }
    }
}
