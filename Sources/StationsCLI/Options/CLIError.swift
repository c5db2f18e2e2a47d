import ArgumentParser

/// Exit codes from sysexits(3), as DESIGN.md promises.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let ioError: Int32 = 74
}

/// An error the CLI reports as one clear line on stderr, with its sysexits code.
struct CLIError: Error, CustomStringConvertible, Equatable {
    var message: String
    var code: Int32

    var description: String { message }

    static func data(_ message: String) -> CLIError { CLIError(message: message, code: ExitStatus.dataError) }
    static func noInput(_ message: String) -> CLIError { CLIError(message: message, code: ExitStatus.noInput) }
    static func io(_ message: String) -> CLIError { CLIError(message: message, code: ExitStatus.ioError) }
}
