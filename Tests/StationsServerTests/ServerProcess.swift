import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `stations serve` started as a real process on a free port (`--port 0`), for end-to-end tests.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let log: URL
    private(set) var port = 0

    /// Starts the server and waits (up to `timeout` seconds) for its "serving … on http://host:port" line.
    init(_ arguments: [String], timeout: Double = 60) throws {
        log = try temporaryFolder().appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = try stationsBinary()
        process.arguments = ["serve", "--port", "0"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "STATIONS_DATA")
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let range = logText.range(of: #"on http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                port = Int(logText[range].split(separator: ":").last!.dropLast()) ?? 0
                return
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        process.terminate()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \(logText)"])
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    var base: String { "http://127.0.0.1:\(port)" }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Sends SIGTERM and waits for the exit status.
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

/// One HTTP exchange over loopback: status, content type and body (nil status: no answer at all).
struct HTTPExchange {
    var status: Int?
    var contentType: String?
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking HTTP request (tests only).
func http(_ url: String, method: String = "GET", body: Data? = nil, timeout: Double = 30) -> HTTPExchange {
    var request = URLRequest(url: URL(string: url)!, timeoutInterval: timeout)
    request.httpMethod = method
    request.httpBody = body
    let done = DispatchSemaphore(value: 0)
    let result = Box()
    URLSession.shared.dataTask(with: request) { data, response, _ in
        let http = response as? HTTPURLResponse
        result.value = HTTPExchange(status: http?.statusCode, contentType: http?.value(forHTTPHeaderField: "Content-Type"), body: data ?? Data())
        done.signal()
    }.resume()
    done.wait()
    return result.value
}

private final class Box: @unchecked Sendable { var value = HTTPExchange(status: nil, contentType: nil, body: Data()) }

/// Runs the binary to completion and returns its standard output.
func binaryOutput(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = try stationsBinary()
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "STATIONS_DATA")
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
