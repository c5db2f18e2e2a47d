import Dispatch
import Foundation
import Hummingbird
import Logging
import StationAnalysis
import StationKit
import StationsCLI

/// The HTTP server of `stations serve`: Hummingbird in front of ``StationsAPI``, plus what only a
/// server has (the map page and its files, /metrics, /openapi.json) and one log line per request.
public final class StationsServer: Sendable {
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        public var tiles: String?
        public var leafletFolder = "/usr/share/javascript/leaflet"
        public var accessLog = true
        public init(host: String = "127.0.0.1", port: Int = 8080, tiles: String? = nil,
                    leafletFolder: String = "/usr/share/javascript/leaflet", accessLog: Bool = true) {
            (self.host, self.port, self.tiles, self.leafletFolder, self.accessLog) = (host, port, tiles, leafletFolder, accessLog)
        }
    }

    let api: StationsAPI
    let settings: Settings
    let console: Console
    let metrics = RequestMetrics()
    let files: StaticFiles
    let logger: Logger

    public init(api: StationsAPI, settings: Settings, console: Console) {
        self.api = api
        self.settings = settings
        self.console = console
        files = StaticFiles(leafletFolder: settings.leafletFolder, tiles: settings.tiles)
        var logger = Logger(label: "stations") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .info
        self.logger = logger
    }

    /// Answers one request: the server's own paths, else the API.
    func respond(to request: Request) async -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        let path = request.uri.path
        let method = request.method.rawValue
        let answer: APIResponse
        if let own = ownAnswer(method: method, path: path) {
            answer = own
        } else {
            switch await HTTPBridge.apiRequest(from: request, maxBody: api.limits.maxBodyBytes) {
            case .success(let apiRequest): answer = api.handle(apiRequest)
            case .failure(let problem): answer = problem.response
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        metrics.record(endpoint: RequestMetrics.endpoint(method: method, path: path), status: answer.status, seconds: seconds)
        if settings.accessLog {
            let query = request.uri.query.map { "?" + $0 } ?? ""
            logger.info("\(method) \(RecordError.excerpt(path + query)) \(answer.status) \(String(format: "%.2f", seconds * 1000)) ms \(answer.body.count) B")
        }
        return HTTPBridge.response(answer, headOnly: method == "HEAD")
    }

    /// The paths that are not API queries: the page, its files, metrics and the API's description.
    private func ownAnswer(method: String, path: String) -> APIResponse? {
        let own = ["/", "/index.html", "/config.json", "/openapi.json", "/v1/regions", "/metrics"].contains(path) || path.hasPrefix("/leaflet/")
        guard method == "GET" || method == "HEAD" else {
            return own ? APIProblem(status: 405, title: "Method not allowed", detail: "\(method) \(path) is not served; use GET",
                                    allow: ["GET", "HEAD"]).response : nil
        }
        switch path {
        case "/", "/index.html": return files.page
        case "/config.json": return files.config
        case "/openapi.json": return files.openAPI
        case "/v1/regions": return files.regions
        case "/metrics":
            return APIResponse(contentType: "text/plain; version=0.0.4; charset=utf-8",
                               body: Array(metrics.rendered(stations: api.data.index.count).utf8))
        default:
            if path.hasPrefix("/leaflet/") { return files.leaflet(String(path.dropFirst("/leaflet/".count))) }
            return nil
        }
    }

    /// Runs until SIGINT or SIGTERM, then finishes the requests in flight and returns.
    public func runBlocking() throws {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in await self.respond(to: request) }
        let console = console
        let host = settings.host
        let stations = api.data.index.count
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(host, port: settings.port), serverName: "stations"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                console.err("stations: serving \(stations) stations on http://\(host):\(port)/ (map at /, API at /v1/…, Ctrl-C stops)\n")
            },
            logger: { var quiet = Logger(label: "hummingbird"); quiet.logLevel = .warning; return quiet }())
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await app.runService() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            throw CLIError.io("stations: serve on \(host):\(settings.port): \(error)")
        }
        console.err("stations: stopped\n")
    }

    private final class Outcome: @unchecked Sendable { var error: (any Error)? }
}
