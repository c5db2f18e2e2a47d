import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of an input named on the command line: a file, `-` for standard input, or anything
/// else that can be read to its end, such as a pipe (`/dev/fd/63` from `<(…)`) or a FIFO.
public enum InputFile {
    /// How messages name `path`.
    public static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// Reads all of `path`. A regular file is mapped, not read, so a large registry is parsed
    /// straight from the page cache; a pipe cannot be mapped and is read to its end.
    /// - Throws: ``DataFileError`` `.missing` when it does not exist or cannot be opened.
    public static func contents(of path: String) throws(DataFileError) -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw DataFileError(file: path, reason: .missing, message: errno == ENOENT ? "no such file" : "cannot open it: \(String(cString: strerror(errno)))")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw DataFileError(file: path, reason: .missing, message: "is a folder, not a file")
        }
        if status.st_mode & S_IFMT == S_IFREG {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
                throw DataFileError(file: path, reason: .missing, message: "cannot read the file (permissions?)")
            }
            return data
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataFileError(file: path, reason: .missing, message: "cannot open it for reading (permissions?)")
        }
        defer { try? handle.close() }
        return handle.readDataToEndOfFile()
    }
}
