import ArgumentParser
import Foundation
import StationAnalysis
import StationKit

/// `stations coverage`: the share of a region within a radius of a matching station, and the gaps.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Measure how much of a region lies within a radius of a matching station; write the gaps as GeoJSON.",
        discussion: """
            Areas are measured on the WGS84 ellipsoid through a Lambert azimuthal equal-area \
            projection centred on the region; circles are geodesic (64 points each). Without \
            --region or --bbox the whole country is measured, one row per province-level unit. \
            With -o, the uncovered area of each row is written as a (Multi)Polygon feature, \
            in the datum of --crs (-o - writes it to standard output and the table to standard error).

            Examples:
              stations coverage --radius 1km --bbox 112.4,37.7,112.7,38.0 -o gaps.geojson
              stations coverage --radius 5km --region 山西 --kind driver-home
              stations coverage --radius 500m --need toilet --region districts.geojson
              stations coverage --radius 10km --format json
            """)

    @Option(name: .long, help: ArgumentHelp("Distance from a station that counts as covered, with a unit (500m, 1km).", valueName: "distance"))
    var radius: String

    @Option(name: .long, help: ArgumentHelp("Only stations with all these amenities (tags or Chinese). Repeatable.", valueName: "tags"))
    var need: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only stations of this kind. Repeatable.", valueName: "kind"))
    var kind: [String] = []

    @OptionGroup var regionOptions: AnalysisRegionOptions

    @Option(name: .long, help: ArgumentHelp("Datum of the gaps written and of --bbox: wgs84, gcj02 or bd09.", valueName: "datum"))
    var crs: Datum = .wgs84

    @Option(name: .long, help: "Table output: text or json.")
    var format: StatsFormat = .text

    @Option(name: [.short, .long], help: ArgumentHelp("Write the uncovered area as GeoJSON to this file (complete or not at all).", valueName: "file"))
    var output: String?

    @OptionGroup var dataOptions: DataOptions

    /// Largest radius accepted: beyond it a "circle" spans provinces and the 64-gon's chords get long.
    static let maximumRadius = 200_000.0

    func validate() throws {
        let metres = try DistanceArgument.parse(radius)
        guard metres > 0 && metres <= Self.maximumRadius else {
            throw ValidationError("--radius must be more than 0 and at most 200km, e.g. 1km")
        }
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
            let report: CoverageReport
            do {
                report = try CoverageAnalysis(radius: try DistanceArgument.parse(radius), filter: filter).run(stations, in: region, gaps: file != nil)
            } catch let error as AnalysisError {
                throw CLIError.data("stations: coverage failed: \(error)")
            }
            file?.write(bytes: PolygonGeoJSON(datum: crs).collection(CoverageOutput.features(report)))
            return report
        }
        if let path = file?.finalPath {
            console.err("stations: gaps of \(report.rows.count) region\(report.rows.count == 1 ? "" : "s") written to \(path) (\(crs.rawValue))\n")
        }
        let table = format == .json ? CoverageOutput.json(report, filter: filter) : CoverageOutput.table(report, filter: filter)
        // With the GeoJSON on standard output, the table goes to standard error.
        output == "-" ? console.err(table) : console.out(table)
    }
}
