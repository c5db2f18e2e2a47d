import Foundation
@testable import StationKit
@testable import StationsCLI

/// Runs a command line in-process as the binary would, returning what it printed on standard output.
func cliOutput(_ arguments: [String]) throws -> String {
    let captured = CapturedConsole()
    let command = try StationsCommand.parseAsRoot(StationsCommand.normalizedArguments(arguments))
    switch command {
    case let near as NearCommand: try near.execute(console: captured.console)
    case let show as ShowCommand: try show.execute(console: captured.console)
    case let export as ExportCommand: try export.execute(console: captured.console)
    case let audit as AuditCommand: try audit.execute(console: captured.console)
    case let along as AlongCommand: try along.execute(console: captured.console)
    case let coverage as CoverageCommand: try coverage.execute(console: captured.console)
    default: throw CocoaError(.featureUnsupported)
    }
    return captured.output
}

/// The API over the embedded data, as `stations serve` without --data builds it.
let embeddedAPI = StationsAPI(ServedData(index: StationIndex(StationLoader.loadDefault().stations), source: "<default data>"))

/// `GET target` (or another method) answered in-process.
func answer(_ target: String, method: String = "GET", body: Data = Data(), contentType: String? = nil,
            api: StationsAPI = embeddedAPI) -> APIResponse {
    api.handle(APIRequest(method: method, target: target, body: body, contentType: contentType))
}

/// The body of a JSON answer as a dictionary.
func jsonObject(_ response: APIResponse) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(response.body))
    guard let object = value as? [String: Any] else { throw CocoaError(.coderValueNotFound) }
    return object
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

/// A new empty folder for one test's files.
func temporaryFolder() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stations-server-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// The repository's root (for files the tests compare with, such as the OpenAPI document).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
