import Foundation

/// Where a command writes: the real standard streams, or buffers when tests run commands in-process.
/// Sendable for the server, whose tasks share the standard one; its writes are whole `write(2)`
/// calls. A captured console (tests) is meant for one thread at a time.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether standard error is a terminal (progress and colour only then).
    public let errorIsTerminal: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, errorIsTerminal: Bool = false) {
        writeOut = out
        writeErr = err
        self.errorIsTerminal = errorIsTerminal
    }

    /// The process's stdout and stderr.
    public static func standard() -> Console {
        Console(
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) },
            errorIsTerminal: isatty(2) == 1)
    }

    /// Writes to standard output.
    public func out(_ text: String) { writeOut(text) }
    /// Writes to standard error.
    public func err(_ text: String) { writeErr(text) }
}

/// A console that keeps everything written, for tests.
public final class CapturedConsole {
    public private(set) var output = ""
    public private(set) var errors = ""
    public lazy var console = Console(out: { [unowned self] in output += $0 }, err: { [unowned self] in errors += $0 })
    public init() {}
}
