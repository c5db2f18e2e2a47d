import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's main output goes: standard output, or a file that appears only when complete.
///
/// A file is written to a temporary sibling and renamed over the target at the end (rename is
/// atomic on one file system), so an interrupted or failed run never leaves a half-written file.
/// A failed run also removes the temporary file, and so does SIGINT or SIGTERM
/// (``TemporaryFileCleanup``); only SIGKILL, which nothing can catch, leaves it behind.
final class OutputFile {
    private let console: Console?
    private let handle: FileHandle?
    private let temporaryPath: String?
    let finalPath: String?
    private var buffer = ""
    /// Flush threshold: large writes amortise the system calls, small enough to stream.
    private static let flushBytes = 1 << 20

    /// `path` nil or `-` means standard output (through `console`).
    init(path: String?, console: Console) throws {
        guard let path, path != "-" else {
            self.console = console
            handle = nil
            temporaryPath = nil
            finalPath = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw CLIError.io("stations: cannot write \(path): the folder \(directory) does not exist")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        // Known to the signal handler before it exists: a signal in between finds nothing to remove.
        let slot = TemporaryFileCleanup.register(temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            try? FileManager.default.removeItem(atPath: temporary)
            if let slot { TemporaryFileCleanup.unregister(slot) }
            throw CLIError.io("stations: cannot write in \(directory) (permissions?)")
        }
        self.console = nil
        self.handle = handle
        temporaryPath = temporary
        finalPath = path
        cleanupSlot = slot
    }

    /// The file's slot in ``TemporaryFileCleanup`` while it is being written.
    private var cleanupSlot: Int?

    /// An output dropped without ``commit()`` or ``abandon()`` (a path no command takes today)
    /// still leaves no temporary file.
    deinit { abandon() }

    func write(_ text: String) {
        if text.utf8.count >= Self.flushBytes {
            // Large blocks go out as they are rather than through the buffer.
            flush()
            buffer = text
            flush()
            return
        }
        buffer += text
        if buffer.utf8.count >= Self.flushBytes { flush() }
    }

    /// Writes UTF-8 bytes as they are (the exporter's blocks), after anything buffered.
    func write(bytes: [UInt8]) {
        flush()
        guard let handle else {
            console?.out(String(decoding: bytes, as: UTF8.self))
            return
        }
        bytes.withUnsafeBytes { writeAll($0, to: handle.fileDescriptor) }
    }

    /// Writes raw bytes as they are (a binary snapshot), after anything buffered. Files only:
    /// binary output never goes to the console.
    func write(raw bytes: UnsafeRawBufferPointer) {
        flush()
        guard let handle else { return }
        writeAll(bytes, to: handle.fileDescriptor)
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        if let handle {
            var text = buffer
            text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: handle.fileDescriptor) }
        } else {
            console?.out(buffer)
        }
        buffer = ""
    }

    /// The first failed write (a full disk, say); reported by ``commit()``, which then keeps nothing.
    private var failure: String?

    private func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard failure == nil, var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = systemWrite(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            next += written
            left -= written
        }
    }

    /// Finishes the output: flushes, and for a file renames it into place.
    func commit() throws {
        flush()
        guard let handle, let temporaryPath, let finalPath else { return }
        if let failure {
            abandon()
            throw CLIError.io("stations: cannot write \(finalPath): \(failure)")
        }
        try handle.synchronize()
        try handle.close()
        guard rename(temporaryPath, finalPath) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw CLIError.io("stations: cannot write \(finalPath): \(reason)")
        }
        finished = true
        releaseCleanupSlot()
    }

    /// Drops a file that will not be completed (again, or after a commit: nothing).
    func abandon() {
        guard let handle, let temporaryPath, !finished else { return }
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
        releaseCleanupSlot()
    }

    /// Whether the file was renamed into place or removed.
    private var finished = false

    private func releaseCleanupSlot() {
        if let slot = cleanupSlot { TemporaryFileCleanup.unregister(slot) }
        cleanupSlot = nil
    }

    /// Runs `body`, which writes the output, then commits it; if either throws, the file is
    /// dropped, never left half-written, and the error passed on.
    func complete<Result>(_ body: (OutputFile) throws -> Result) throws -> Result {
        try Self.complete(self) { try body(self) }
    }

    /// ``complete(_:)`` for an output that may not have been asked for: `body` runs either way.
    static func complete<Result>(_ file: OutputFile?, _ body: () throws -> Result) throws -> Result {
        do {
            let result = try body()
            try file?.commit()
            return result
        } catch {
            file?.abandon()
            throw error
        }
    }
}

/// write(2), named apart from ``OutputFile/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}
