#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory, unmapped when the last reference goes away.
///
/// Mapping rather than reading is what makes a snapshot open in milliseconds: only the pages a
/// query touches are ever read from the page cache. The price is that a file truncated by another
/// process *while* it is mapped makes the next access to a vanished page fail with SIGBUS; files
/// written by `stations index build` are replaced by rename, which leaves a mapped old copy intact.
final class MappedFile: @unchecked Sendable {
    /// The file's bytes; never written (the mapping is read-only).
    let bytes: UnsafeRawBufferPointer

    /// Maps the file at `path`.
    /// - Throws: ``SnapshotError`` `.missing` when it cannot be opened, `.io` when it cannot be mapped,
    ///   `.notASnapshot` when it is empty or a folder.
    init(path: String) throws(SnapshotError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "no such file" : "cannot open the file: \(String(cString: strerror(errno)))"
            throw SnapshotError(file: path, reason: .missing, message: reason)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SnapshotError(file: path, reason: .io, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw SnapshotError(file: path, reason: .missing, message: "not a regular file")
        }
        let length = Int(status.st_size)
        guard length > 0 else {
            throw SnapshotError(file: path, reason: .notASnapshot, message: "empty file, not a stations index snapshot")
        }
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw SnapshotError(file: path, reason: .io, message: "cannot map the file: \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: length)
    }

    /// Tells the kernel that `range` of the file will be read a page here and there.
    ///
    /// On a cold page cache a fault otherwise reads the whole read-ahead window around it
    /// (megabytes), so a query's few scattered pages would read most of a snapshot from disk.
    /// Only advice: failure changes nothing but speed.
    func expectRandomAccess(_ range: Range<Int>) {
        guard let base = bytes.baseAddress, !range.isEmpty else { return }
        // madvise wants a page-aligned start; the page holding the start is included.
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / page * page
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), range.upperBound - start, MADV_RANDOM)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}
