import StationKit

/// The JSON shapes of stations, shared by every command so one station always looks the same.
enum StationJSON {
    /// Coordinates: 7 decimals is about 1 cm, finer than any registry.
    static let coordinatePlaces = 7
    /// Distances: 0.1 m.
    static let distancePlaces = 1

    /// All fields of a station, in the documented order.
    static func object(_ station: Station) -> JSONValue {
        .object([
            ("id", .string(station.id)),
            ("name", .string(station.name)),
            ("kind", .string(station.kind.rawValue)),
            ("kind_zh", .string(station.kind.chineseName)),
            ("lat", .number(station.coordinate.latitude, places: coordinatePlaces)),
            ("lon", .number(station.coordinate.longitude, places: coordinatePlaces)),
            ("amenities", .array(station.amenities.members.map { .string($0.rawValue) })),
            ("address", .string(station.address)),
            ("province", .string(station.province)),
            ("city", .string(station.city)),
            ("opening_hours", .string(station.openingHours)),
            ("phone", .string(station.phone)),
            ("operator", .string(station.operator)),
        ])
    }

    /// An RFC 7946 Point feature: `[lon, lat]`, the station's fields as properties plus `extra`.
    static func feature(_ station: Station, extra: [(String, JSONValue)] = []) -> JSONValue {
        guard case .object(let members) = object(station) else { preconditionFailure("station JSON is an object") }
        let properties = extra + members.filter { $0.0 != "lat" && $0.0 != "lon" }
        return .object([
            ("type", .string("Feature")),
            ("id", .string(station.id)),
            ("geometry", .object([
                ("type", .string("Point")),
                ("coordinates", .array([
                    .number(station.coordinate.longitude, places: coordinatePlaces),
                    .number(station.coordinate.latitude, places: coordinatePlaces),
                ])),
            ])),
            ("properties", .object(properties)),
        ])
    }

    /// A FeatureCollection, one feature per line so large outputs stay diffable.
    static func featureCollection(_ features: [JSONValue]) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":["
        for (i, feature) in features.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            feature.write(to: &out)
        }
        out += features.isEmpty ? "]}\n" : "\n]}\n"
        return out
    }
}
