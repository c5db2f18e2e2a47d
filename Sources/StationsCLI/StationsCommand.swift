import ArgumentParser
import Foundation

/// The root `stations` command: only configuration; the work is in the subcommands.
public struct StationsCommand: ParsableCommand {
    /// Commands that live in other targets (`serve`, in StationsServer, which links the HTTP
    /// framework), registered by the executable before it parses the command line.
    nonisolated(unsafe) public static var extraSubcommands: [any ParsableCommand.Type] = []

    public static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "stations",
        abstract: "Find China's trade-union service stations: 工会驿站, 司机之家, 康乃馨服务站.",
        discussion: """
            Without --data, commands use the embedded national sample (illustrative data).

            Examples:
              stations near 37.9,112.5 --need shower
              stations along route.geojson --kind driver-home --need shower --within 20km
              stations show stn-NM-000001
              stations stats --data registry.csv
              stations audit --data registry.csv
              stations index build --data registry.csv -o stations.idx
              stations coverage --radius 1km --bbox 112.4,37.7,112.7,38.0 -o gaps.geojson
              stations areas --region 山西 --kind driver-home -o areas.geojson
              stations diff registry-old.csv registry-new.csv
              stations reconcile province.csv city.csv --radius 100m
              stations serve --port 8080

            Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, 74 I/O error.
            """,
        version: "0.1.0",
        subcommands: [NearCommand.self, ShowCommand.self, StatsCommand.self, ExportCommand.self, AuditCommand.self,
                      IndexCommand.self, AlongCommand.self, CoverageCommand.self, AreasCommand.self, DiffCommand.self,
                      ReconcileCommand.self] + extraSubcommands)
    }

    public init() {}

    /// Runs the command line, mapping our errors to their sysexits codes.
    public static func runMain(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        do {
            var command = try parseAsRoot(normalizedArguments(arguments))
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            Foundation.exit(error.code)
        } catch {
            exit(withError: error)
        }
    }

    /// Protects negative coordinates such as `-33.86,151.2` from being read as options.
    ///
    /// The parser takes anything starting with `-` for a flag, so users must otherwise write
    /// `near -- -33.86,151.2` (which still works). A leading minus followed by a digit is never one
    /// of our flags, so such a word is marked as a value with a leading space, which the
    /// coordinate parser ignores.
    public static func normalizedArguments(_ arguments: [String]) -> [String] {
        var afterTerminator = false
        return arguments.map { argument in
            if argument == "--" { afterTerminator = true }
            guard !afterTerminator, argument.count > 1, argument.first == "-",
                  let second = argument.dropFirst().first, second.isNumber || second == "." else { return argument }
            return " " + argument
        }
    }
}
