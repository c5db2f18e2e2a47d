/// Why a snapshot file cannot be used: the file, the kind of problem, and a message that says what
/// is wrong in the user's terms (and, where it helps, what to do).
public struct SnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable {
        /// The file does not exist or cannot be opened (sysexits 66).
        case missing
        /// Reading or mapping failed (sysexits 74).
        case io
        /// The file is not a snapshot at all: empty, or other magic bytes (sysexits 65).
        case notASnapshot
        /// A snapshot of a format version this build does not read (sysexits 65).
        case unsupportedVersion
        /// The file ends before the data its header promises (sysexits 65).
        case truncated
        /// The header, the section table or a section fails a check (sysexits 65).
        case corrupt
        /// This machine is big-endian; snapshots are little-endian by definition.
        case unsupportedHost
    }

    public var file: String
    public var reason: Reason
    public var message: String

    public init(file: String, reason: Reason, message: String) {
        self.file = file
        self.reason = reason
        self.message = message
    }

    /// `stations.idx: truncated: section 'records' needs bytes 1234..<5678 but the file ends at 4000`
    public var description: String { "\(file): \(message)" }
}
