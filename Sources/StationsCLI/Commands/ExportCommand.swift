import ArgumentParser
import Foundation
import StationAnalysis
import StationKit

/// `stations export`: stations as GeoJSON, GeoJSON text sequences or CSV, for maps and other tools.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write stations as GeoJSON (for Leaflet, Amap, Baidu, geojson.io), GeoJSON text sequences or CSV.",
        discussion: """
            Stations are written in id order, so the same input gives byte-identical output. \
            Positions are in the datum of --crs: wgs84 for Leaflet/OpenStreetMap, gcj02 for Amap and \
            Tencent maps, bd09 for Baidu maps. --bbox and --near are read in that datum too. \
            With -o, the file appears only when complete.

            Examples:
              stations export -o stations.geojson
              stations export --crs gcj02 --style -o amap.geojson
              stations export --region 山西 --need shower --format csv
              stations export --near 37.9,112.5 --within 10km --kind driver-home
              stations export --bbox 112.3,37.7,112.8,38.0 --format geojsonseq
            """)

    @Option(name: .long, help: "Output: geojson, geojsonseq (RFC 8142, one feature per record) or csv.")
    var format: ExportFormat = .geojson

    @Option(name: .long, help: ArgumentHelp("Only stations with all these amenities (tags or Chinese). Repeatable.", valueName: "tags"))
    var need: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only stations of this kind. Repeatable.", valueName: "kind"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only stations in the box WEST,SOUTH,EAST,NORTH (degrees; WEST > EAST crosses 180°).", valueName: "w,s,e,n"))
    var bbox: String?

    @Option(name: .long, help: ArgumentHelp("With --within: only stations near LAT,LON.", valueName: "lat,lon"))
    var near: String?

    @Option(name: .long, help: ArgumentHelp("With --near: the distance, with a unit (800m, 10km).", valueName: "distance"))
    var within: String?

    @Option(name: .long, help: ArgumentHelp("Only stations inside a province (山西, 山西省, Shanxi, CN-SX) or the polygons of a GeoJSON file.", valueName: "name|file"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("Datum of the output positions (and of --bbox/--near): wgs84, gcj02 or bd09.", valueName: "datum"))
    var crs: Datum = .wgs84

    @Flag(name: .long, help: "Add simplestyle properties (marker-color per kind, marker-symbol, title, description).")
    var style = false

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (complete or not at all); default standard output.", valueName: "file"))
    var output: String?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        _ = try parseNeed(need)
        _ = try parseKinds(kind)
        if let bbox { _ = try BoxArgument.parse(bbox) }
        if let near { _ = try QueryPoint.parse(near) }
        if let within { _ = try DistanceArgument.parse(within) }
        if (near == nil) != (within == nil) { throw ValidationError("--near and --within go together, e.g. --near 37.9,112.5 --within 10km") }
        if style && format == .csv { throw ValidationError("--style adds GeoJSON properties; it does not apply to csv") }
    }

    func run() throws { try execute(console: Console.standard()) }

    func execute(console: Console) throws {
        let loaded = try dataOptions.load(console: console)
        let selected = try select(from: loaded.stations)
        let output = try OutputFile(path: output, console: console)
        try output.complete { output in
            try StationExporter(format: format, datum: crs, style: style, console: console)
                .write(loaded.stations, order: selected, to: output)
        }
        if let path = output.finalPath {
            console.err("stations: exported \(selected.count) of \(loaded.stations.count) stations to \(path) (\(crs.rawValue))\n")
        }
    }

    /// Positions in `stations` of those passing every filter, in id order. Positions rather than
    /// copies: a million stations are filtered and ordered without moving a single record.
    func select(from stations: [Station]) throws -> [Int] {
        let filter = StationFilter(need: try parseNeed(need), kinds: try parseKinds(kind))
        var selected = stations.indices.filter { filter.accepts(stations[$0]) }
        if let bbox {
            let box = try BoxArgument.parse(bbox)
            let encoder = StationGeoJSONEncoder(datum: crs)
            selected = selected.filter { box.contains(encoder.position(of: stations[$0])) }
        }
        if let near, let within {
            let point = try QueryPoint.parse(near).converted(from: crs, to: .wgs84)
            let radius = try DistanceArgument.parse(within)
            selected = selected.filter { point.geodesicDistance(to: stations[$0].coordinate) <= radius }
        }
        if let region {
            let area: Region
            do { area = try Region.resolve(region) } catch {
                throw CLIError(message: "stations: --region: \(error)", code: ExitStatus.usage)
            }
            selected = selected.filter { area.contains(stations[$0].coordinate) }
        }
        // Registries are often already in id order; checking is linear, sorting is not.
        let inOrder = zip(selected, selected.dropFirst()).allSatisfy { stations[$0].id < stations[$1].id }
        return inOrder ? selected : selected.sorted { stations[$0].id < stations[$1].id }
    }
}

/// Output formats of `export`.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case geojson, geojsonseq, csv
}

/// `WEST,SOUTH,EAST,NORTH`, the order of GeoJSON's bbox.
enum BoxArgument {
    static func parse(_ text: String) throws(ValidationError) -> BoundingBox {
        let parts = text.split(separator: ",").map { Double($0.trimmingSpaces()) }
        guard parts.count == 4, let west = parts[0], let south = parts[1], let east = parts[2], let north = parts[3] else {
            throw ValidationError("--bbox '\(text)' must be WEST,SOUTH,EAST,NORTH in degrees, e.g. 112.3,37.7,112.8,38.0")
        }
        guard abs(west) <= 180, abs(east) <= 180, abs(south) <= 90, abs(north) <= 90, south <= north else {
            throw ValidationError("--bbox '\(text)': longitudes must be within ±180, latitudes within ±90, SOUTH ≤ NORTH (order WEST,SOUTH,EAST,NORTH)")
        }
        return BoundingBox(south: south, west: west, north: north, east: east)
    }
}
