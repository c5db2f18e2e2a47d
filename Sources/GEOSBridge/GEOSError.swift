/// A failure inside GEOS, carrying the message GEOS itself reported.
public enum GEOSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// GEOS could not parse the input (`GEOSWKTReader_read_r` or `GEOSGeoJSONReader_readGeometry_r` returned NULL).
    case parse(format: String, message: String)
    /// A GEOS operation signalled an exception; `function` names the C function.
    case operation(function: String, message: String)

    public var description: String {
        switch self {
        case .parse(let format, let message): "cannot read \(format): \(message)"
        case .operation(let function, let message): "GEOS \(function) failed: \(message)"
        }
    }
}
