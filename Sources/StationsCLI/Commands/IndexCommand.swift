import ArgumentParser

/// `stations index`: binary snapshots of the stations and their index, for instant starts.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build and check index snapshots, which `near --data` opens in milliseconds.",
        discussion: """
            A snapshot holds the stations and their spatial index in a binary file (docs/SNAPSHOT.md) \
            that `stations near --data FILE` maps into memory instead of parsing GeoJSON or CSV. \
            Only near (and near --batch) reads snapshots; the other commands read the registry file.

            Examples:
              stations index build --data registry.csv -o stations.idx
              stations index verify stations.idx
              stations near 37.9,112.5 --need shower --data stations.idx
            """,
        subcommands: [IndexBuildCommand.self, IndexVerifyCommand.self])
}
