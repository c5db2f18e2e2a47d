/// Writes stations in the CSV interchange format, which ``CSVStationReader`` reads back.
public struct StationCSVEncoder: Sendable {
    /// The datum coordinates are written in; anything but WGS84 adds a `crs` column so a reader
    /// converts them back.
    public var datum: Datum

    public init(datum: Datum = .wgs84) { self.datum = datum }

    /// The interchange columns of DESIGN.md, in order (plus `crs` when not WGS84).
    public var header: [String] {
        ["id", "name", "kind", "lat", "lon", "amenities", "address", "province", "city",
         "opening_hours", "phone", "operator"] + (datum == .wgs84 ? [] : ["crs"])
    }

    /// The fields of one station, matching ``header``.
    public func fields(_ station: Station) -> [String] {
        let position = datum == .wgs84 ? station.coordinate : station.coordinate.converted(from: .wgs84, to: datum)
        let places = StationGeoJSONEncoder.coordinatePlaces
        return [station.id, station.name, station.kind.rawValue,
                JSONValue.formatNumber(position.latitude, places: places),
                JSONValue.formatNumber(position.longitude, places: places),
                station.amenities.description, station.address, station.province, station.city,
                station.openingHours, station.phone, station.operator] + (datum == .wgs84 ? [] : [datum.rawValue])
    }

    /// Quotes a field only when it holds a comma, a quote or a line break (RFC 4180).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }

    /// One CSV line, newline included.
    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}
