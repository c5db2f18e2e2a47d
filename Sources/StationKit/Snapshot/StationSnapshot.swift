#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Binary snapshots of a ``StationIndex``: written once (`stations index build`), then memory-mapped
/// in milliseconds instead of parsing GeoJSON or CSV and rebuilding the index.
///
/// The file holds the index's flat arrays as they are in memory (little-endian, each section
/// aligned to 64 bytes), so opening one maps the file and points the index at it. Stations stay
/// encoded until a query's answers are read. The layout is documented byte by byte in
/// docs/SNAPSHOT.md.
///
/// What opening checks, and what it does not: the magic bytes, the format version, the checksum
/// of the header and section table, that every section lies inside the file with the exact length
/// the counts imply, and the two invariants the search indexes its arrays by (cell offsets rise
/// from 0 to the station count; every sorted entry names a real station). That reads 8 MB for a
/// million stations, about a millisecond, and makes every file content safe to query: the other
/// sections are decoded without trusting them (see `SnapshotRecords`). Damage inside the data can
/// still give a wrong answer (a flipped amenity bit, a changed letter in a name, a garbage
/// position that hides a station): ``verify(atPath:)`` compares the checksum of every byte and
/// checks the rest of the structure, and is what to run after copying a snapshot or when in doubt.
public enum StationSnapshot {
    /// The format version this build writes and reads.
    public static let formatVersion = Int(SnapshotLayout.version)

    /// Whether the file at `path` starts with the snapshot's magic bytes (`STNIDX\0\0`); false for
    /// a file that does not exist or cannot be read. Snapshots are recognised by content, not name.
    /// Only regular files are looked into: reading the start of a pipe (`--data /dev/stdin`) would
    /// take those bytes from the reader that comes next.
    public static func hasSnapshotMagic(atPath path: String) -> Bool {
        startOfRegularFile(atPath: path, count: SnapshotLayout.magic.count) == SnapshotLayout.magic
    }
}

/// The first `count` bytes of the regular file at `path`; nil when it is not one, cannot be read,
/// or is shorter. (Outside ``StationSnapshot``, whose `open` would hide the system's.)
private func startOfRegularFile(atPath path: String, count: Int) -> [UInt8]? {
    // Looked at before opening: opening a FIFO (`--data <(…)`, a named pipe) would wait for its
    // writer, and closing it again could cost the writer its reader.
    var before = stat()
    guard stat(path, &before) == 0, before.st_mode & S_IFMT == S_IFREG else { return nil }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
    var head = [UInt8](repeating: 0, count: count)
    let read = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    return read == count ? head : nil
}
