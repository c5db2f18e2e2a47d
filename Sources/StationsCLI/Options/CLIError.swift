import ArgumentParser

/// Exit codes from sysexits(3), as DESIGN.md promises.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let ioError: Int32 = 74
}

/// An error the CLI reports as one clear line on stderr, with its sysexits code.
public struct CLIError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var code: Int32

    public init(message: String, code: Int32) {
        self.message = message
        self.code = code
    }

    public var description: String { message }

    public static func data(_ message: String) -> CLIError { CLIError(message: message, code: ExitStatus.dataError) }
    public static func noInput(_ message: String) -> CLIError { CLIError(message: message, code: ExitStatus.noInput) }
    public static func io(_ message: String) -> CLIError { CLIError(message: message, code: ExitStatus.ioError) }
}
