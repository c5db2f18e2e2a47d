import Foundation
import Testing
@testable import StationKit

/// The map page in a real browser (Debian's chromium, headless): it loads, runs the search its
/// address asks for through /v1/near, and shows the same stations as markers and in its list.
@Suite(.serialized) struct MapPageTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs headless chromium on `url` with `flags`; its standard output.
    static func browse(_ url: String, _ flags: [String]) throws -> String {
        let browser = try #require(chromium, "chromium is missing: run tools/install-deps.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        let profile = try temporaryFolder()
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--virtual-time-budget=15000"] + flags + [url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theSearchShowsTheNearestStationsAsMarkersAndAList() throws {
        let server = try ServerProcess(["--quiet"])
        defer { _ = server.stop() }
        let query = "lat=37.9&lon=112.5&need=shower&limit=5"
        let dom = try Self.browse(server.base + "/?" + query, ["--dump-dom"])
        #expect(dom.contains(#"data-state="done""#), "the page finished its search: \(dom.prefix(400))")

        let api = try JSONSerialization.jsonObject(with: http(server.base + "/v1/near?" + query).body) as? [String: Any]
        let expected = ((api?["results"] as? [[String: Any]]) ?? []).compactMap { ($0["station"] as? [String: Any])?["id"] as? String }
        #expect(expected.count == 5)
        let listed = dom.ranges(of: #/<li data-id="([^"]+)"/#).map { String(dom[$0].dropFirst(#"<li data-id=""#.count).dropLast()) }
        #expect(listed == expected, "the list shows the API's stations in its order")
        #expect(dom.contains(#"data-markers="5""#), "one marker per station")
        #expect(dom.contains("淋浴 shower"), "amenities carry Chinese and English labels")

        // A screenshot for people (and the README): saved beside the test's other output.
        let shot = FileManager.default.temporaryDirectory.appendingPathComponent("stations-map-test.png")
        try? FileManager.default.removeItem(at: shot)
        _ = try Self.browse(server.base + "/?" + query, ["--window-size=1280,800", "--screenshot=\(shot.path)"])
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG was written to \(shot.path)")
        #expect(png.count > 10_000)
    }

    @Test func theCoverageGapsOfTheViewAreDrawn() throws {
        let server = try ServerProcess(["--quiet"])
        defer { _ = server.stop() }
        let dom = try Self.browse(server.base + "/?lat=37.87&lon=112.55&limit=5&gaps=1", ["--window-size=1280,800", "--dump-dom"])
        #expect(dom.contains(#"data-gaps="1""#), "one gap feature for the view: \(dom.prefix(300))")
        #expect(dom.contains("1 km 未覆盖 uncovered:"), "the uncovered share is stated")
    }

    @Test func aBadSearchShowsTheProblemInsteadOfFailingSilently() throws {
        let server = try ServerProcess(["--quiet"])
        defer { _ = server.stop() }
        let dom = try Self.browse(server.base + "/?lat=95&lon=112.5", ["--dump-dom"])
        #expect(dom.contains(#"data-state="error""#))
        #expect(dom.contains("latitude 95 is outside -90...90"), "the API's problem detail is shown")
    }
}
