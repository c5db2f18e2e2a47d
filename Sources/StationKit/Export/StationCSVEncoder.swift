import Foundation

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

    /// One station's CSV line, matching ``header``, newline included.
    public func row(_ station: Station) -> String {
        var bytes: [UInt8] = []
        appendRow(station, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Quotes a field only when it holds a comma, a quote or a line break (RFC 4180).
    public static func field(_ text: String) -> String {
        // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard text.utf8.contains(where: special) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Appends one station's CSV line, newline included, as UTF-8 bytes (the exporter's path).
    public func appendRow(_ station: Station, to out: inout [UInt8]) {
        let position = datum == .wgs84 ? station.coordinate : station.coordinate.converted(from: .wgs84, to: datum)
        func text(_ value: String) {
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: Self.field(value).utf8)
        }
        out.append(contentsOf: Self.field(station.id).utf8)
        text(station.name)
        text(station.kind.rawValue)
        out.append(UInt8(ascii: ","))
        JSONValue.appendNumber(position.latitude, places: StationGeoJSONEncoder.coordinatePlaces, to: &out)
        out.append(UInt8(ascii: ","))
        JSONValue.appendNumber(position.longitude, places: StationGeoJSONEncoder.coordinatePlaces, to: &out)
        out.append(UInt8(ascii: ","))
        var first = true
        for amenity in Amenity.allCases where station.amenities.contains(amenity) {
            if !first { out.append(UInt8(ascii: ";")) }
            first = false
            out.append(contentsOf: amenity.rawValue.utf8)
        }
        for value in [station.address, station.province, station.city, station.openingHours, station.phone, station.operator] {
            text(value)
        }
        if datum != .wgs84 { text(datum.rawValue) }
        out.append(0x0A)
    }

    /// One CSV line, newline included.
    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}
