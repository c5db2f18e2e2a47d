import Foundation
@testable import StationKit

/// The bytes of `index` as a snapshot.
func snapshotBytes(_ index: StationIndex) -> [UInt8] {
    var bytes: [UInt8] = []
    StationSnapshot.write(index) { bytes.append(contentsOf: $0) }
    return bytes
}

/// A new temporary folder for snapshot files, removed by the caller with ``removeItem``.
func snapshotFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stations-snapshot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `bytes` to `name` in `folder` and returns the path.
func writeFile(_ bytes: [UInt8], named name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// `index` written as a snapshot and opened again from a file in `folder`.
func roundTrip(_ index: StationIndex, in folder: URL, name: String = "stations.idx") throws -> StationIndex {
    try StationSnapshot.open(atPath: try writeFile(snapshotBytes(index), named: name, in: folder))
}
