import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI

/// The built binary serving on loopback: the README's promise (curl = stations near), the server's
/// own endpoints, limits, reload without failed requests, and a clean stop.
@Suite(.serialized) struct ServerEndToEndTests {
    @Test func curlGivesWhatStationsNearPrints() throws {
        let server = try ServerProcess([])
        let answer = http(server.base + "/v1/near?lat=37.9&lon=112.5&need=shower")
        #expect(answer.status == 200)
        #expect(answer.contentType == "application/json")
        #expect(answer.text == (try binaryOutput(["near", "37.9,112.5", "--need", "shower", "--format", "json"])))

        let openAPI = http(server.base + "/openapi.json")
        #expect(openAPI.body == (try Data(contentsOf: repositoryRoot.appendingPathComponent("Sources/StationsServer/Resources/openapi.json"))))
        let page = http(server.base + "/")
        #expect(page.status == 200)
        #expect(page.text.contains("/leaflet/leaflet.js"))
        let regions = http(server.base + "/v1/regions")
        #expect(regions.text.hasPrefix(#"{"type":"FeatureCollection""#))
        let unknown = http(server.base + "/v1/nowhere")
        #expect(unknown.status == 404)
        #expect(unknown.contentType == "application/problem+json")
        #expect(http(server.base + "/leaflet/../../../etc/passwd").status == 404)
        #expect(http(server.base + "/metrics", method: "DELETE").status == 405, "the server's own paths refuse other methods too")

        let metrics = http(server.base + "/metrics").text
        #expect(metrics.contains(#"stations_http_requests_total{endpoint="/v1/near",status="200"} 1"#), "\(metrics)")
        #expect(metrics.contains(#"stations_http_requests_total{endpoint="other",status="404"} 2"#), "/v1/nowhere and /etc/passwd")
        #expect(metrics.contains(#"stations_http_requests_total{endpoint="/metrics",status="405"} 1"#))
        #expect(metrics.contains(#"stations_http_request_duration_seconds_count{endpoint="/v1/near"} 1"#))
        #expect(metrics.contains("stations_loaded_stations \(StationLoader.loadDefault().stations.count)"))
        #expect(server.logText.contains("GET /v1/near?lat=37.9&lon=112.5&need=shower 200"), "one line per request")
        #expect(server.stop() == 0)
        #expect(server.logText.contains("stations: stopped"))
    }

    @Test func anOversizeBodyIs413AndTheServerGoesOn() throws {
        let server = try ServerProcess(["--max-body", "1", "--quiet"])
        let big = Data(repeating: UInt8(ascii: "a"), count: 3 << 20)
        let refused = http(server.base + "/v1/audit", method: "POST", body: big)
        #expect(refused.status == 413, "\(refused.text)")
        #expect(refused.contentType == "application/problem+json")
        #expect(http(server.base + "/healthz").status == 200)
        #expect(!server.logText.contains("GET /healthz"), "--quiet writes no request lines")
        _ = server.stop()
    }

    @Test func aPortInUseIsAClearError() throws {
        let first = try ServerProcess(["--quiet"])
        let second = Process()
        second.executableURL = try stationsBinary()
        second.arguments = ["serve", "--port", "\(first.port)"]
        let err = Pipe()
        second.standardError = err
        second.standardOutput = FileHandle.nullDevice
        try second.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        second.waitUntilExit()
        #expect(second.terminationStatus == 74, "\(message)")
        #expect(message.contains("serve on 127.0.0.1:\(first.port)"), "\(message)")
        _ = first.stop()
    }

    /// SIGHUP and a changed file reload the data; requests sent all the while are all answered.
    @Test func reloadingDropsNoRequest() throws {
        let stations = StationLoader.loadDefault().stations
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("registry.csv")
        func write(_ count: Int) throws {
            let encoder = StationCSVEncoder()
            let text = StationCSVEncoder.row(encoder.header) + stations.prefix(count).map(encoder.row).joined()
            // Written beside and renamed, as an editor saves: the server never sees half a file.
            try Data(text.utf8).write(to: folder.appendingPathComponent("next.csv"))
            _ = rename(folder.appendingPathComponent("next.csv").path, file.path)
        }
        try write(100)
        let server = try ServerProcess(["--data", file.path, "--watch-interval", "0.2", "--quiet"])
        func count() -> Int? {
            (try? JSONSerialization.jsonObject(with: http(server.base + "/healthz").body) as? [String: Any])?["stations"] as? Int
        }
        #expect(count() == 100)

        let failures = Failures()
        let load = Thread {
            while !failures.stop {
                let answer = http(server.base + "/v1/near?lat=37.9&lon=112.5&limit=3")
                if answer.status != 200 { failures.add("\(answer.status.map(String.init) ?? "no answer") \(answer.text.prefix(200))") }
                failures.sent()
            }
        }
        load.start()
        try write(300)
        server.signal(SIGHUP)
        let deadline = Date().addingTimeInterval(30)
        while count() != 300 && Date() < deadline { usleep(50_000) }
        #expect(count() == 300, "SIGHUP reloaded")
        try write(500)
        while count() != 500 && Date() < deadline.addingTimeInterval(30) { usleep(50_000) }
        #expect(count() == 500, "the file change was noticed")

        // A broken file keeps the old data.
        try Data("id,name\n".utf8).write(to: file)
        server.signal(SIGHUP)
        let broken = Date().addingTimeInterval(20)
        while !server.logText.contains("failed, still serving the previous data") && Date() < broken { usleep(50_000) }
        #expect(server.logText.contains("failed, still serving the previous data"))
        #expect(count() == 500)
        failures.stop = true
        while load.isExecuting { usleep(10_000) }
        #expect(failures.list.isEmpty, "\(failures.list.prefix(5))")
        #expect(failures.count > 20, "requests kept coming during the reloads")
        let metrics = http(server.base + "/metrics").text
        #expect(metrics.contains(#"stations_reloads_total{result="failed"} "#))
        #expect(server.stop() == 0)
    }

    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var list: [String] = []
        private(set) var count = 0
        var stop = false
        func add(_ failure: String) { lock.withLock { list.append(failure) } }
        func sent() { lock.withLock { count += 1 } }
    }
}
