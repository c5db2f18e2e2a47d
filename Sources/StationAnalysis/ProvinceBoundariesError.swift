/// Why a province boundary file cannot be used. `source` is the file path, or the name given for text.
public enum ProvinceBoundariesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input cannot be read, is not JSON, or is not a GeoJSON FeatureCollection.
    case unreadable(source: String, message: String)
    /// Feature `index` (0-based) lacks a property or a (Multi)Polygon geometry, or GEOS cannot read it.
    case badFeature(source: String, index: Int, province: String?, message: String)
    /// GEOS reads feature `index` but finds its outline invalid; `reason` is GEOS's own text
    /// (`GEOSisValidReason_r`), e.g. `Self-intersection[112.1 37.2]`.
    case invalidGeometry(source: String, index: Int, province: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let source, let message):
            "\(source): \(message)"
        case .badFeature(let source, let index, let province, let message):
            "\(source), feature \(index)\(province.map { " (\($0))" } ?? ""): \(message)"
        case .invalidGeometry(let source, let index, let province, let reason):
            "\(source), feature \(index) (\(province)): invalid outline: \(reason)"
        }
    }
}
