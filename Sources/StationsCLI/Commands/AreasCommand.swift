import ArgumentParser
import Foundation
import StationAnalysis
import StationKit

/// `stations areas`: each station's service area (Voronoi cell clipped to the region), for maps.
struct AreasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas",
        abstract: "Divide a region among its matching stations (Voronoi cells, in km²); write them as GeoJSON for maps.",
        discussion: """
            Each matching station inside the region gets the part of the region nearer to it than \
            to any other (its Voronoi cell, built by GEOS on a Lambert azimuthal equal-area \
            projection centred on the region and clipped to it), with its area in km². Stations at \
            the same position (within 1 cm) share one cell. With -o, one Polygon or MultiPolygon \
            feature per cell, in the datum of --crs (-o - writes them to standard output and the \
            table to standard error).

            Examples:
              stations areas --region 山西 --kind driver-home -o driver-homes.geojson
              stations areas --bbox 112.4,37.7,112.7,38.0 --need shower
              stations areas --region districts.geojson --crs gcj02 -o amap-areas.geojson
            """)

    @Option(name: .long, help: ArgumentHelp("Only stations with all these amenities (tags or Chinese). Repeatable.", valueName: "tags"))
    var need: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only stations of this kind. Repeatable.", valueName: "kind"))
    var kind: [String] = []

    @OptionGroup var regionOptions: AnalysisRegionOptions

    @Option(name: .long, help: ArgumentHelp("Datum of the areas written and of --bbox: wgs84, gcj02 or bd09.", valueName: "datum"))
    var crs: Datum = .wgs84

    @Option(name: [.short, .long], help: ArgumentHelp("Write the service areas as GeoJSON to this file (complete or not at all).", valueName: "file"))
    var output: String?

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        _ = try parseNeed(need)
        _ = try parseKinds(kind)
    }

    func run() throws { try execute(console: Console.standard()) }

    func execute(console: Console) throws {
        let region = try regionOptions.resolve(datum: crs)
        let filter = StationFilter(need: try parseNeed(need), kinds: try parseKinds(kind))
        let stations = try dataOptions.load(console: console).stations
        // Opened before the analysis, so that a folder that does not exist fails at once.
        let file = try output.map { try OutputFile(path: $0, console: console) }
        let report = try OutputFile.complete(file) {
            let report: ServiceAreaReport
            do {
                report = try ServiceAreaAnalysis(filter: filter).run(stations, in: region)
            } catch {
                throw CLIError.data("stations: areas failed: \(error)")
            }
            file?.write(bytes: PolygonGeoJSON(datum: crs).collection(AreasOutput.features(report, stations: stations)))
            return report
        }
        if let path = file?.finalPath {
            console.err("stations: \(report.areas.count) service area\(report.areas.count == 1 ? "" : "s") written to \(path) (\(crs.rawValue))\n")
        }
        let table = AreasOutput.table(report, stations: stations, filter: filter)
        output == "-" ? console.err(table) : console.out(table)
    }
}
