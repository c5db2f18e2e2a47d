import ArgumentParser
import Foundation
import StationAnalysis
import StationKit

/// `stations reconcile REFERENCE OTHER`: a second source matched against the reference registry.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match a second list of stations against a reference registry: matched, possible matches, missing.",
        discussion: """
            For each record of OTHER: "matched" when a reference record has the same or nearly the \
            same name (the audit's duplicate rule) within --radius; a "possible match" when only one \
            holds (close but named differently, or a similar name up to --name-radius away), to be \
            checked by a person; else "missing-from-reference". Reference records that no record \
            matched are listed last. Each record takes part in one pair at most, the best first \
            (matches before possible matches, then the nearest). Ids are not compared: two sources \
            rarely share them.

            Formats: text (default); json (schema stations.reconcile/1); geojson (every record as a \
            Point, a possible match as a LineString joining both positions, for review on a map); csv.

            Examples:
              stations reconcile province.csv city.csv
              stations reconcile province.csv city.csv --radius 200m --format geojson -o review.geojson
              stations reconcile official.geojson amap-export.csv --input-crs gcj02 --format csv
            """)

    @Argument(help: ArgumentHelp("The reference registry (.csv or .geojson; - for standard input).", valueName: "reference"))
    var reference: String

    @Argument(help: ArgumentHelp("The list to match against it.", valueName: "other"))
    var other: String

    @Option(name: .long, help: ArgumentHelp("How close a match must be, e.g. 100m.", valueName: "distance"))
    var radius = "100m"

    @Option(name: .long, help: ArgumentHelp("How far a similar name may be for a possible match (default 10 × --radius).", valueName: "distance"))
    var nameRadius: String?

    @OptionGroup var report: RegistryReportOptions

    /// The widest search: similar names farther apart than this are not one station.
    static let widestNameRadius = 50_000.0

    func validate() throws {
        guard try DistanceArgument.parse(radius) > 0 else { throw ValidationError("--radius must be more than 0, e.g. 100m") }
        if let nameRadius, try DistanceArgument.parse(nameRadius) > Self.widestNameRadius {
            throw ValidationError("--name-radius \(nameRadius) is more than \(formatDistance(Self.widestNameRadius)); stations that far apart are not one station")
        }
        if reference == "-" && other == "-" { throw ValidationError("only one of REFERENCE and OTHER can be standard input (-)") }
    }

    func run() throws { try execute(console: Console.standard()) }

    /// Runs the command, writing to `console` (tests pass a captured one).
    func execute(console: Console) throws {
        let options = Reconciliation.Options(radius: try DistanceArgument.parse(radius),
                                             nameRadius: try nameRadius.map(DistanceArgument.parse))
        let referenceData = try report.load(reference, console: console)
        let otherData = try report.load(other, console: console)
        let progress = report.matchingProgress("\(InputFile.displayName(other)) against \(InputFile.displayName(reference))", verb: "matching",
                                               console: console)
        let result = Reconciliation(reference: referenceData, other: otherData, options: options,
                                    progress: progress?.report)
        progress?.line.finish()
        let context = ReconcileOutput.Context(referenceFile: InputFile.displayName(reference), otherFile: InputFile.displayName(other),
                                              options: options)
        try report.write(console: console) { format in
            switch format {
            case .text: ReconcileOutput.text(result, context)
            case .json: ReconcileOutput.json(result, context).rendered() + "\n"
            case .geojson: ReconcileOutput.geoJSON(result)
            case .csv: ReconcileOutput.csv(result)
            }
        }
    }
}
