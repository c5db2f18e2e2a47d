import ArgumentParser
import Dispatch
import StationKit

/// `stations index build --data FILE -o stations.idx`: reads a registry, indexes it, and writes the snapshot.
struct IndexBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write the stations and their index as a snapshot that `near --data` maps instantly.",
        discussion: """
            Reads --data like every command (bad records are skipped with a summary, or fatal with \
            --strict; --input-crs converts GCJ-02 or BD-09 positions to WGS84 now, once). The file \
            appears only when complete. Rebuild the snapshot whenever the registry changes.

            Examples:
              stations index build --data registry.csv -o stations.idx
              stations index build --data amap-export.csv --input-crs gcj02 -o stations.idx
            """)

    @Option(name: [.short, .long], help: ArgumentHelp("The snapshot file to write (complete or not at all).", valueName: "file"))
    var output: String

    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if output == "-" {
            throw ValidationError("a snapshot is a binary file that near maps into memory: give -o a file name, e.g. -o stations.idx")
        }
    }

    func run() throws { try execute(console: Console.standard()) }

    func execute(console: Console) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let loaded = try dataOptions.load(console: console)
        let index = StationIndex(loaded.stations)
        var bytes = 0
        try OutputFile(path: output, console: console).complete { file in
            StationSnapshot.write(index) { piece in
                file.write(raw: piece)
                bytes += piece.count
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        console.err("stations: wrote \(output): \(index.count) stations, \(Self.formatBytes(bytes)), snapshot format \(StationSnapshot.formatVersion), in \(formatDecimal(seconds, places: 1)) s\n")
    }

    /// "512 B", "38.4 KB", "163.2 MB" (decimal units, as file managers show sizes).
    static func formatBytes(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return formatDecimal(Double(bytes) / 1e3, places: 1) + " KB" }
        if bytes < 1_000_000_000 { return formatDecimal(Double(bytes) / 1e6, places: 1) + " MB" }
        return formatDecimal(Double(bytes) / 1e9, places: 2) + " GB"
    }
}
