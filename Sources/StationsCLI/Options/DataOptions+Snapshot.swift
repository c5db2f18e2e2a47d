import Foundation
import StationKit

/// Index snapshots given as `--data`: recognised by their magic bytes, whatever their name.
extension DataOptions {
    /// The snapshot to map instead of reading GeoJSON or CSV, when the data is one.
    /// - Throws: a usage error when a snapshot comes with other files or with `--input-crs`.
    func snapshotPath(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        let paths = paths(environment: environment)
        guard let snapshot = firstSnapshot(in: paths) else { return nil }
        guard paths.count == 1 else {
            throw CLIError(message: "stations: \(snapshot) is an index snapshot, which is read on its own; give either it or GeoJSON/CSV files, not both",
                           code: ExitStatus.usage)
        }
        guard inputCrs == .wgs84 else {
            throw CLIError(message: "stations: --input-crs applies to GeoJSON and CSV; \(snapshot) is an index snapshot, converted to WGS84 when it was built (stations index build --input-crs \(inputCrs.rawValue) …)",
                           code: ExitStatus.usage)
        }
        return snapshot
    }

    /// Maps the snapshot at `path`; its problems become sysexits errors.
    func openSnapshot(_ path: String) throws -> StationIndex {
        do {
            return try StationSnapshot.open(atPath: path)
        } catch {
            throw CLIError(snapshot: error)
        }
    }

    /// Only `near` (and `near --batch`) reads snapshots: it is the command that must start fast and
    /// needs only its answers' records. The others (show, stats, export, index build) visit every
    /// record anyway and take the registry file the snapshot was built from.
    func refuseSnapshots(in paths: [String]) throws {
        guard let snapshot = firstSnapshot(in: paths) else { return }
        throw CLIError(message: "stations: \(snapshot) is an index snapshot, which only `stations near` reads; give this command the GeoJSON or CSV file it was built from",
                       code: ExitStatus.usage)
    }

    private func firstSnapshot(in paths: [String]) -> String? {
        paths.first { $0 != "-" && StationSnapshot.hasSnapshotMagic(atPath: $0) }
    }
}

extension CLIError {
    /// A snapshot problem with its sysexits code: 66 cannot open, 74 cannot read, 65 anything in the file.
    init(snapshot error: SnapshotError) {
        let code = switch error.reason {
        case .missing: ExitStatus.noInput
        case .io: ExitStatus.ioError
        default: ExitStatus.dataError
        }
        self.init(message: "stations: \(error)", code: code)
    }
}
