import ArgumentParser
import Foundation
import StationKit

/// `stations along ROUTE --within 2km --need shower`: the stations along a route, in route order.
struct AlongCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "along",
        abstract: "List the stations along a route, in order, with the kilometre mark and the detour.",
        discussion: """
            ROUTE is a GeoJSON file (LineString, MultiLineString, or a Feature or FeatureCollection of them; \
            several lines are joined in order) or points written inline as LAT,LON;LAT,LON;… A station is \
            along the route when its detour, the shortest WGS84 geodesic from the station to the route, is \
            at most --within. The km mark is the route's geodesic length from its start to the point \
            closest to the station; legs between points are great-circle arcs. Positions (the route's \
            and the output's) are in the datum of --crs. --every keeps one station per stretch (the \
            smallest detour); --open-at lists the open stations, then those with unknown hours, marked.

            Examples:
              stations along route.geojson --within 2km --need shower
              stations along '40.657,109.840;41.69,110.43;43.653,111.977' --within 20km
              stations along route.geojson --kind 司机之家 --every 200km
              stations along route.geojson --open-at 2026-11-21T22:00
              stations along amap.geojson --crs gcj02 --format geojson --with-route
            """)

    @Argument(help: ArgumentHelp("A GeoJSON route file, or LAT,LON;LAT,LON;… (at least two points).", valueName: "route"))
    var route: String

    @Option(name: .long, help: ArgumentHelp("Corridor: how far from the route a station may be, with a unit (inclusive; at most 1000km).", valueName: "distance"))
    var within = "2km"

    @Option(name: .long, help: ArgumentHelp("Amenities a station must all have, e.g. shower,toilet or 淋浴. Repeatable.", valueName: "tags"))
    var need: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only stations of this kind: outdoor-worker-station, driver-home, carnation-station (or 司机之家 …). Repeatable.", valueName: "kind"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "One station per stretch of this length from the start (the one with the smallest detour), e.g. 200km.",
        valueName: "distance"))
    var every: String?

    @OptionGroup var openTime: OpenTimeOptions

    @Option(name: .long, help: ArgumentHelp("Output: table, json, geojson or csv.", valueName: "format"))
    var format: AlongFormat = .table

    @Option(name: .long, help: ArgumentHelp(
        "Map datum of the route's points and of output positions: wgs84, gcj02 (Amap, Tencent), bd09 (Baidu). A route file's own crs_name wins.",
        valueName: "datum"))
    var crs: Datum = .wgs84

    @Flag(name: .long, help: "GeoJSON: add the route itself as the first feature (a LineString, id \"route\").")
    var withRoute = false

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (complete or not at all); default standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if RouteArgument.isInline(route) { _ = try RouteArgument.parseInline(route) }
        // Every station within reach meets every leg within reach: a continental corridor around a
        // route of thousands of points would take minutes, and is a listing, not a question about a route.
        guard try DistanceArgument.parse(within) <= Self.widestCorridor else {
            throw ValidationError("--within \(within) is wider than \(NearOutput.formatLimit(Self.widestCorridor)); for every station of a region use stations export")
        }
        _ = try parseNeed(need)
        _ = try parseKinds(kind)
        if let every, !(try DistanceArgument.parse(every) > 0) {
            throw ValidationError("--every must be longer than 0, e.g. 200km")
        }
        if withRoute && format != .geojson { throw ValidationError("--with-route adds a feature to GeoJSON; use it with --format geojson") }
    }

    /// The widest corridor `along` accepts, metres.
    static let widestCorridor = 1_000_000.0

    func run() throws { try execute(console: Console.standard()) }

    /// Runs the command, writing to `console` (tests pass a captured one).
    func execute(console: Console) throws {
        // The route first: a mistake in it should not wait for a large registry to load.
        let loaded = try RouteArgument.load(route, datum: crs)
        for notice in loaded.notices { console.err("stations: note: \(notice)\n") }
        let index = try dataOptions.loadIndex(console: console)
        let query = AlongQuery(route: loaded.route, routeSource: loaded.source, width: try DistanceArgument.parse(within),
                               filter: StationFilter(need: try parseNeed(need), kinds: try parseKinds(kind)),
                               every: try every.map(DistanceArgument.parse), openAt: try openTime.instant(), datum: crs)
        let view = AlongAnswerView(answer: query.answer(in: index), index: index)
        let output = try OutputFile(path: output, console: console)
        try output.complete { output in
            switch format {
            case .table: output.write(AlongOutput.table(view))
            case .json: output.write(AlongOutput.json(view).rendered() + "\n")
            case .geojson: output.write(AlongOutput.geoJSON(view, withRoute: withRoute))
            case .csv: output.write(AlongOutput.csv(view))
            }
        }
        if let path = output.finalPath {
            console.err("stations: wrote \(view.results.count) stations along the route to \(path) (\(crs.rawValue))\n")
        }
    }
}

/// Output formats of `along`.
enum AlongFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, geojson, csv
}
