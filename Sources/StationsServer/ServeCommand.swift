import ArgumentParser
import Foundation
import StationKit
import StationsCLI

/// `stations serve`: the HTTP API and the map page over one loaded index.
public struct ServeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the stations over HTTP: a JSON API (/v1/...) and a map page (/).",
        discussion: """
            Loads the data once (a snapshot from `stations index build` is mapped, not read) and answers \
            on all cores. Answers are those of the commands: /v1/near gives the bytes of \
            `stations near … --format json`. One line per request goes to standard error (--quiet: none). \
            SIGHUP, or a change to a --data file, reloads the data; requests in flight finish on the old \
            data. SIGINT or SIGTERM stops after the requests in flight.

            Endpoints: GET /v1/near, /v1/stations, /v1/stations/{id}, /v1/coverage, /v1/regions, \
            GET|POST /v1/along, POST /v1/audit, /healthz, /metrics (Prometheus), /openapi.json, / (map).

            Examples:
              stations serve
              stations serve --data registry.csv --port 8080
              stations serve --data stations.idx --host 0.0.0.0 --quiet
              curl 'http://127.0.0.1:8080/v1/near?lat=37.9&lon=112.5&need=shower'
              curl --data-binary @registry.csv 'http://127.0.0.1:8080/v1/audit?name=registry.csv'
            """)

    @Option(name: .long, help: "Address to listen on (0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(name: .long, help: ArgumentHelp(
        "Map tiles for the page, as a URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png; without it the page draws province outlines on a plain background.",
        valueName: "url"))
    var tiles: String?

    @Option(name: .long, help: ArgumentHelp("Largest request body in MiB (POST /v1/audit, /v1/along).", valueName: "MiB"))
    var maxBody = 32

    @Option(name: .long, help: ArgumentHelp("Seconds between checks of the --data files for changes (0: only SIGHUP reloads).", valueName: "s"))
    var watchInterval = 2.0

    @Option(name: .long, help: ArgumentHelp("Where Leaflet's files are (Debian's libjs-leaflet).", valueName: "folder"))
    var leaflet = "/usr/share/javascript/leaflet"

    @Flag(name: .long, help: "No line per request on standard error (for load tests).")
    var quiet = false

    @OptionGroup var dataOptions: DataOptions

    public init() {}

    public func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535 (got \(port))") }
        guard (1...4096).contains(maxBody) else { throw ValidationError("--max-body is 1...4096 MiB (got \(maxBody))") }
        guard watchInterval >= 0 else { throw ValidationError("--watch-interval must be 0 (off) or more seconds") }
        if let tiles, !(tiles.contains("{z}") && tiles.contains("{x}") && tiles.contains("{y}")) {
            throw ValidationError("--tiles '\(tiles)' needs {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png")
        }
    }

    public func run() throws {
        let console = Console.standard()
        let started = Date()
        let (data, paths) = try dataOptions.loadServedData(console: console)
        console.err("stations: loaded \(data.index.count) stations from \(data.source) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s\n")
        var limits = StationsAPI.Limits()
        limits.maxBodyBytes = maxBody << 20
        let api = StationsAPI(data, limits: limits)
        let settings = StationsServer.Settings(host: host, port: port, tiles: tiles, leafletFolder: leaflet, accessLog: !quiet)
        let server = StationsServer(api: api, settings: settings, console: console)
        let options = dataOptions
        let reloader = DataReloader(paths: paths, interval: watchInterval, console: console) { () throws -> ServedData in
            try options.loadServedData(console: console).data
        } install: { data in
            api.replace(with: data)
        } report: { succeeded in
            server.metrics.recordReload(succeeded: succeeded)
        }
        reloader.start()
        try server.runBlocking()
        reloader.stop()
    }
}
