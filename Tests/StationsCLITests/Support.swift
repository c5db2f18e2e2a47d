import Foundation
@testable import StationKit
@testable import StationsCLI

/// Parses a command line as the binary would and runs it in-process, capturing its output.
func runInProcess(_ arguments: [String]) throws -> CapturedConsole {
    let captured = CapturedConsole()
    let command = try StationsCommand.parseAsRoot(StationsCommand.normalizedArguments(arguments))
    switch command {
    case let near as NearCommand: try near.execute(console: captured.console)
    case let show as ShowCommand: try show.execute(console: captured.console)
    case let stats as StatsCommand: try stats.execute(console: captured.console)
    case let export as ExportCommand: try export.execute(console: captured.console)
    case let audit as AuditCommand: try audit.execute(console: captured.console)
    case let along as AlongCommand: try along.execute(console: captured.console)
    case let coverage as CoverageCommand: try coverage.execute(console: captured.console)
    case let areas as AreasCommand: try areas.execute(console: captured.console)
    case let diff as DiffCommand: try diff.execute(console: captured.console)
    case let reconcile as ReconcileCommand: try reconcile.execute(console: captured.console)
    default: throw CocoaError(.featureUnsupported)
    }
    return captured
}

/// The result of running the real `stations` binary.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    /// True when the process ended by a signal (then `status` is the signal's number).
    var signalled = false
}

/// The built `stations` executable, next to the test bundle in the build folder.
func stationsBinary() throws -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("stations")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "stations binary near \(CommandLine.arguments[0])"])
}

/// Runs the binary with `arguments`, optional standard input and extra environment.
func runBinary(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
               directory: URL? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = try stationsBinary()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "STATIONS_DATA")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read before waiting, so a large output cannot fill the pipe and block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
}

/// Writes `text` to a new temporary file with the given name and returns its path.
func temporaryFile(_ name: String, _ text: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stations-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// The embedded data, read once for all oracle checks.
let defaultStations = StationLoader.loadDefault().stations

/// The oracle on the embedded data: every station checked, sorted by distance then id.
func expectedNearest(to point: Coordinate, limit: Int, filter: StationFilter, maxDistance: Double? = nil) -> [(id: String, distance: Double)] {
    var candidates: [(id: String, distance: Double)] = []
    for station in defaultStations where filter.accepts(station) {
        let distance = point.geodesicDistance(to: station.coordinate)
        if let maxDistance, distance > maxDistance { continue }
        candidates.append((station.id, distance))
    }
    candidates.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
    return Array(candidates.prefix(limit))
}

/// Parses JSON text into a dictionary.
func jsonObject(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}

/// A file in this test target's Fixtures folder.
func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}
