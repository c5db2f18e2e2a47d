/// Why two texts are not a latitude and a longitude, in words a user can act on.
public struct CoordinateParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Coordinate {
    /// Parses decimal degrees as people copy them from a map, explaining exactly what is wrong:
    /// not numbers, out of range, or (the common mistake) in LON,LAT order.
    /// The command line's `LAT,LON`, batch files and the HTTP API all read points through this.
    public init(parsingLatitude latitudeText: String, longitude longitudeText: String) throws(CoordinateParseError) {
        let latitudeText = latitudeText.trimmed(), longitudeText = longitudeText.trimmed()
        guard let latitude = DecimalParsing.fastValue(latitudeText) ?? Double(latitudeText),
              let longitude = DecimalParsing.fastValue(longitudeText) ?? Double(longitudeText),
              latitude.isFinite, longitude.isFinite else {
            throw CoordinateParseError(message:
                "'\(latitudeText),\(longitudeText)' is not LAT,LON: both parts must be decimal degrees, e.g. 37.9,112.5")
        }
        guard abs(latitude) <= 90 else {
            let hint = abs(longitude) <= 90 ? "; did you mean \(longitudeText),\(latitudeText)? The order is LAT,LON" : ""
            throw CoordinateParseError(message: "latitude \(latitudeText) is outside -90...90\(hint)")
        }
        guard abs(longitude) <= 180 else {
            throw CoordinateParseError(message: "longitude \(longitudeText) is outside -180...180")
        }
        self.init(latitude: latitude, longitude: longitude)
    }
}
