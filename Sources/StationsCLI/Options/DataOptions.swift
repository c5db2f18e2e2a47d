import ArgumentParser
import Foundation
import StationKit

/// `--data` and `--strict`, shared by every command that reads stations.
/// Plain values once parsed, so the server may hand them to the thread that reloads the data.
public struct DataOptions: ParsableArguments, @unchecked Sendable {
    public init() {}

    @Option(name: .long, help: ArgumentHelp(
        "Station file to read: .geojson, .csv, or - for standard input. Repeat for several files.",
        discussion: "Without --data, $STATIONS_DATA (paths separated by ':'), else the embedded national sample. near also reads a snapshot written by `stations index build`.",
        valueName: "file"))
    var data: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Map datum of the --data files' coordinates: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu). A record's own crs field wins.",
        valueName: "datum"))
    var inputCrs: Datum = .wgs84

    @Flag(name: .long, help: "Stop with an error (exit 65) on any bad record instead of skipping it.")
    var strict = false

    /// The paths to read, after the environment default; empty means the embedded data.
    func paths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if !data.isEmpty { return data }
        if let value = environment["STATIONS_DATA"], !value.isEmpty {
            return value.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        return []
    }

    /// The index `stations serve` answers from, and the paths it came from (to watch for changes).
    public func loadServedData(console: Console) throws -> (data: ServedData, paths: [String]) {
        let paths = paths()
        let index = try loadIndex(console: console)
        return (ServedData(index: index, source: paths.isEmpty ? StationLoader.defaultDataName : paths.joined(separator: ", ")), paths)
    }

    /// Loads and indexes the stations, reporting skipped records on the console; a snapshot
    /// (`stations index build`) is mapped instead.
    func loadIndex(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> StationIndex {
        if let snapshot = try snapshotPath(environment: environment) { return try openSnapshot(snapshot) }
        let result = try load(console: console, environment: environment)
        return StationIndex(result.stations)
    }

    /// Loads the stations; bad records are summarised in one line, or fatal with `--strict`.
    func load(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LoadResult {
        let paths = paths(environment: environment)
        try refuseSnapshots(in: paths)
        return try Self.load(paths: paths, inputDatum: inputCrs, strict: strict, console: console)
    }

    /// Loads `paths` (none: the embedded data) the way every command does: a progress bar on a
    /// terminal, notices on stderr, bad records summarised in one line or, with `strict`, fatal.
    static func load(paths: [String], inputDatum: Datum, strict: Bool, console: Console) throws -> LoadResult {
        let result: LoadResult
        do {
            let progress = ProgressLine.forLoading(paths.joined(separator: ", "), console: console)
            defer { progress?.1.finish() }
            result = paths.isEmpty ? StationLoader.loadDefault()
                : try StationLoader.load(paths: paths, inputDatum: inputDatum, progress: progress?.0)
        } catch {
            throw error.reason == .missing ? CLIError.noInput("stations: \(error)") : CLIError.data("stations: \(error)")
        }
        for notice in result.notices { console.err("stations: note: \(notice)\n") }
        guard !result.errors.isEmpty else { return result }
        if strict {
            for error in result.errors { console.err("stations: \(error)\n") }
            throw CLIError.data("stations: \(result.errors.count) problem\(result.errors.count == 1 ? "" : "s") in the input; fix them, or drop --strict to skip bad records")
        }
        let count = Set(result.errors.map { "\($0.file)\u{0}\($0.location)" }).count
        console.err("stations: \(count) bad record\(count == 1 ? "" : "s") skipped (first: \(result.errors[0])); `stations audit` lists them all\n")
        return result
    }
}
