import ArgumentParser
import StationKit

/// `stations index verify stations.idx`: checks every byte of a snapshot against its checksums.
struct IndexVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a snapshot completely: structure, the checksum of every section, every record.",
        discussion: """
            near checks a snapshot's header and structure when it opens it, which keeps every file \
            safe to query, but not the checksum of every byte: damage inside the data could give a \
            wrong answer. verify reads it all. Exit 0 when the snapshot is intact, 65 when it is not.

            Examples:
              stations index verify stations.idx
            """)

    @Argument(help: ArgumentHelp("The snapshot to check.", valueName: "file"))
    var snapshot: String

    func run() throws { try execute(console: Console.standard()) }

    func execute(console: Console) throws {
        let report: SnapshotReport
        do {
            report = try StationSnapshot.verify(atPath: snapshot)
        } catch {
            throw CLIError(snapshot: error)
        }
        var out = "\(snapshot): ok, snapshot format \(report.formatVersion), \(report.stationCount) stations, "
            + "grid of \(report.rowCount) rows × \(report.columnCount) columns, \(report.fileBytes) bytes\n\n"
        var table = TextTable(header: ["section", "offset", "bytes"], rightAligned: [1, 2])
        for section in report.sections { table.add([section.name, "\(section.offset)", "\(section.bytes)"]) }
        out += table.rendered() + "\n"
        out += """
            checked: magic bytes, format version and the header checksum; that every section lies in the
            file with the length the counts imply; cell offsets, station positions, fences, kinds, datums,
            record offsets and coordinates; the checksum of every section and zero padding between them;
            and that every record holds its eight text fields in valid UTF-8.

            """
        console.out(out)
    }
}
