import ArgumentParser
import StationKit

/// `stations near LAT,LON --need shower`: the nearest stations that have everything needed.
struct NearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "near",
        abstract: "Find the nearest stations that have what you need.",
        discussion: """
            Distances are WGS84 geodesics; equal distances are ordered by station id. \
            --need takes canonical tags or Chinese terms (shower = 淋浴 = 洗澡), comma-separated or repeated; \
            a station must have all of them.

            Examples:
              stations near 37.9,112.5 --need shower
              stations near 37.9,112.5 --need 淋浴,厕所 --kind driver-home --limit 3
              stations near 37.9,112.5 --within 5km --format json
              stations near -33.86,151.2              (also: stations near -- -33.86,151.2)
              stations near 37.9006,112.5065 --crs gcj02    (a point copied from Amap; answers in GCJ-02)
              stations near 37.9,112.5 --need shower --open-now
              stations near 41.0,110.2 --kind driver-home --open-at 2026-11-21T22:00
              stations near --batch points.csv --need shower > nearest.csv
            """)

    @Argument(help: ArgumentHelp("Where you are, as LAT,LON in decimal degrees (WGS84, or the datum of --crs), e.g. 37.9,112.5.", valueName: "lat,lon"))
    var point: String?

    @Option(name: .long, help: ArgumentHelp("Amenities a station must all have, e.g. shower,toilet or 淋浴. Repeatable.", valueName: "tags"))
    var need: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only stations of this kind: outdoor-worker-station, driver-home, carnation-station (or 司机之家 …). Repeatable.", valueName: "kind"))
    var kind: [String] = []

    @Option(name: .long, help: "How many stations to list.")
    var limit = 5

    @Option(name: .long, help: ArgumentHelp("Only stations at most this far, with a unit: 800m, 5km (inclusive).", valueName: "distance"))
    var within: String?

    @Option(name: .long, help: ArgumentHelp("Output: table, json, geojson or csv (batch: csv or jsonl).", valueName: "format"))
    var format: NearFormat?

    @Option(name: .long, help: ArgumentHelp(
        "Map datum of the point and of output positions: wgs84 (GPS, OpenStreetMap, Leaflet), gcj02 (Amap, Tencent), bd09 (Baidu).",
        valueName: "datum"))
    var crs: Datum = .wgs84

    @Option(name: .long, help: ArgumentHelp("Answer one query per row of a CSV file with columns id,lat,lon[,need] (- for stdin).", valueName: "file"))
    var batch: String?

    @OptionGroup var openTime: OpenTimeOptions

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if point == nil && batch == nil {
            throw ValidationError("give a point as LAT,LON (e.g. stations near 37.9,112.5) or --batch FILE")
        }
        if point != nil && batch != nil { throw ValidationError("give either a point or --batch, not both") }
        if let point { _ = try QueryPoint.parse(point) }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1 (got \(limit))") }
        _ = try parseNeed(need)
        _ = try parseKinds(kind)
        if let within { _ = try DistanceArgument.parse(within) }
        if batch != nil, let format, format == .table || format == .geojson {
            throw ValidationError("--batch writes csv or jsonl, not \(format.rawValue)")
        }
        if batch == nil, format == .jsonl { throw ValidationError("jsonl is for --batch; use json for one query") }
        if batch == "-" && dataOptions.data.contains("-") {
            throw ValidationError("--batch - and --data - both read standard input; give one of them a file (or <(command))")
        }
        if batch != nil, openTime.openNow || openTime.openAt != nil {
            throw ValidationError("--open-now and --open-at answer one point at a time; they do not apply to --batch")
        }
    }

    func run() throws {
        try execute(console: Console.standard())
    }

    /// Runs the command, writing to `console` (tests pass a captured one).
    func execute(console: Console) throws {
        let index = try dataOptions.loadIndex(console: console)
        let filter = StationFilter(need: try parseNeed(need), kinds: try parseKinds(kind))
        let maxDistance = try within.map(DistanceArgument.parse)
        if let batch {
            // A mapped snapshot has no rare-amenity grids; many queries repay building the one
            // this filter searches (if it needs a rare amenity at all).
            try BatchRunner(index: index.withRareBitLayers(for: filter), filter: filter, limit: limit, maxDistance: maxDistance,
                            format: format ?? .csv, strict: dataOptions.strict, datum: crs)
                .run(path: batch, console: console)
            return
        }
        let given = try QueryPoint.parse(point!)
        let query = NearQuery(point: given.converted(from: crs, to: .wgs84), filter: filter, limit: limit,
                              maxDistance: maxDistance, datum: crs, pointAsGiven: given, openAt: try openTime.instant())
        let answer = query.answer(in: index)
        switch format ?? .table {
        case .table: console.out(NearOutput.table(answer, index: index))
        case .json: console.out(NearOutput.json(answer, index: index).rendered() + "\n")
        case .geojson: console.out(NearOutput.geoJSON(answer, index: index))
        case .csv, .jsonl: console.out(NearOutput.csv(answer, index: index))
        }
    }
}

/// Output formats of `near`.
enum NearFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, geojson, csv, jsonl
}
