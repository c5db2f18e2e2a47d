import ArgumentParser
import Foundation
import StationAnalysis
import StationKit

/// `stations diff OLD NEW`: what changed between two versions of a registry.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed between two versions of a registry: added, removed, re-identified, moved and changed records.",
        discussion: """
            Records are matched by id. An old and a new record left over that are the same station \
            under a new id (the same or nearly the same name within --reidentify-radius, as the \
            audit's duplicate rule decides) are reported as re-identified, not as a removal and an \
            addition. A matched record moved by less than --moved has not moved (geocoders shift \
            positions by metres). A record that moved and changed fields is "changed", with its \
            move. Changes are sorted by kind of change (removed, added, reidentified, moved, \
            changed), then by id. Bad records in either file are skipped with a note, as everywhere.

            Formats: text (default); json (schema stations.diff/1); geojson (a Point per change, a \
            LineString from the old to the new position for a move, simplestyle colours); csv (one \
            row per changed field; a move is the field "position").

            Examples:
              stations diff registry-2026-09.csv registry-2026-12.csv
              stations diff old.geojson new.geojson --format geojson -o changes.geojson
              stations diff old.csv new.csv --moved 50m --format csv > changes.csv
            """)

    @Argument(help: ArgumentHelp("The earlier version (.csv or .geojson; - for standard input).", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The later version.", valueName: "new"))
    var new: String

    @Option(name: .long, help: ArgumentHelp("Moves shorter than this are noise, e.g. 20m or 0.1km.", valueName: "distance"))
    var moved = "20m"

    @Option(name: .long, help: ArgumentHelp("How close a record under a new id must be to its old self, e.g. 50m.", valueName: "distance"))
    var reidentifyRadius = "50m"

    @OptionGroup var report: RegistryReportOptions

    func validate() throws {
        _ = try DistanceArgument.parse(moved)
        _ = try DistanceArgument.parse(reidentifyRadius)
        if old == "-" && new == "-" { throw ValidationError("only one of OLD and NEW can be standard input (-)") }
    }

    func run() throws { try execute(console: Console.standard()) }

    /// Runs the command, writing to `console` (tests pass a captured one).
    func execute(console: Console) throws {
        let options = RegistryDiff.Options(moveThreshold: try DistanceArgument.parse(moved),
                                           reidentifyRadius: try DistanceArgument.parse(reidentifyRadius))
        let before = try report.load(old, console: console)
        let after = try report.load(new, console: console)
        let progress = report.matchingProgress("\(InputFile.displayName(old)) with \(InputFile.displayName(new))", verb: "comparing", console: console)
        let diff = RegistryDiff(old: before, new: after, options: options, progress: progress?.report)
        progress?.line.finish()
        let context = DiffOutput.Context(oldFile: InputFile.displayName(old), newFile: InputFile.displayName(new), options: options)
        try report.write(console: console) { format in
            switch format {
            case .text: DiffOutput.text(diff, context)
            case .json: DiffOutput.jsonText(diff, context) + "\n"
            case .geojson: DiffOutput.geoJSON(diff)
            case .csv: DiffOutput.csv(diff)
            }
        }
    }
}
