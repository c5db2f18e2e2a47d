/// A position on the WGS84 ellipsoid, in degrees.
///
/// The one coordinate type inside the package: order changes (`lat,lon` on the command line,
/// `[lon, lat]` in GeoJSON) happen only in the readers and writers.
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    /// Latitude in degrees, −90 … 90, north positive.
    public var latitude: Double
    /// Longitude in degrees, −180 … 180, east positive.
    public var longitude: Double

    /// Creates a coordinate without checking it; see ``validated(latitude:longitude:)``.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether both values are finite and in range (longitude may be exactly ±180).
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }

    /// `lat,lon` with six decimals (about 0.1 m), the order people read from a map.
    public var description: String {
        "\(formatDecimal(latitude, places: 6)),\(formatDecimal(longitude, places: 6))"
    }
}

/// Formats `value` with exactly `places` decimals, without Foundation's locale-dependent formatting.
public func formatDecimal(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    // Beyond 18 digits there are no decimals left to fix; Swift's shortest form (`1e+300`) is exact.
    guard scaled < 1e18 else { return "\(value)" }
    let negative = value < 0 && scaled != 0
    let digits = String(UInt64(scaled))
    guard places > 0 else { return (negative ? "-" : "") + digits }
    let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
    let cut = padded.index(padded.endIndex, offsetBy: -places)
    return (negative ? "-" : "") + padded[..<cut] + "." + padded[cut...]
}
