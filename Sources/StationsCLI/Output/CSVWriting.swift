import Foundation
import StationKit

/// CSV output that the readers read back (RFC 4180 quoting, `;` between amenities).
enum CSVWriting {
    /// Quotes a field only when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }

    /// The interchange columns of DESIGN.md, in order.
    static let stationHeader = ["id", "name", "kind", "lat", "lon", "amenities", "address", "province", "city",
                                "opening_hours", "phone", "operator"]

    static func stationFields(_ station: Station) -> [String] {
        [station.id, station.name, station.kind.rawValue,
         JSONValue.formatNumber(station.coordinate.latitude, places: StationJSON.coordinatePlaces),
         JSONValue.formatNumber(station.coordinate.longitude, places: StationJSON.coordinatePlaces),
         station.amenities.description, station.address, station.province, station.city,
         station.openingHours, station.phone, station.operator]
    }
}
