import ArgumentParser
import StationKit

/// `--format`, `-o/--output`, `--input-crs` and `--strict`, shared by `diff` and `reconcile`:
/// both read two registry files and write one report about them.
struct RegistryReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Output: text, json, geojson or csv.", valueName: "format"))
    var format: RegistryReportFormat = .text

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (complete or not at all); default standard output.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Map datum of both files' coordinates: wgs84, gcj02 or bd09. A record's own crs wins.", valueName: "datum"))
    var inputCrs: Datum = .wgs84

    @Flag(name: .long, help: "Stop with an error (exit 65) on any bad record instead of skipping it.")
    var strict = false

    /// Loads one of the two files (with the loading progress line), under `--input-crs` and `--strict`.
    func load(_ path: String, console: Console) throws -> LoadResult {
        try DataOptions.load(paths: [path], inputDatum: inputCrs, strict: strict, console: console)
    }

    /// A progress line for the matching step (`stations: matching a.csv with b.csv [===   ] 40%`),
    /// and the reporter to hand the matching; nil when standard error is not a terminal, as for loading.
    func matchingProgress(_ label: String, verb: String, console: Console) -> (line: ProgressLine, report: @Sendable (Double) -> Void)? {
        guard console.errorIsTerminal else { return nil }
        let line = ProgressLine(console: console, label: label, verb: verb)
        return (line, { @Sendable fraction in line.update(fraction) })
    }

    /// Writes the report in the chosen format to `-o` (complete or not at all) or standard output.
    func write(console: Console, _ render: (RegistryReportFormat) -> String) throws {
        try OutputFile(path: output, console: console).complete { file in file.write(render(format)) }
    }
}

/// Output formats of `diff` and `reconcile`.
enum RegistryReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, geojson, csv
}
