/// Why a route cannot be used: a point out of range, too few points, a file that is not a route.
public struct RouteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, naming the point or feature at fault.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
