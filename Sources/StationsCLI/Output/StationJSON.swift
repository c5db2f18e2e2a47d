import StationKit

/// The JSON shapes of stations, shared by every command so one station always looks the same.
enum StationJSON {
    /// Coordinates: 7 decimals is about 1 cm, finer than any registry.
    static let coordinatePlaces = StationGeoJSONEncoder.coordinatePlaces
    /// Distances: 0.1 m.
    static let distancePlaces = 1

    /// All fields of a station, in the documented order, its position in `datum`.
    static func object(_ station: Station, datum: Datum = .wgs84) -> JSONValue {
        let position = StationGeoJSONEncoder(datum: datum).position(of: station)
        return .object([
            ("id", .string(station.id)),
            ("name", .string(station.name)),
            ("kind", .string(station.kind.rawValue)),
            ("kind_zh", .string(station.kind.chineseName)),
            ("lat", .number(position.latitude, places: coordinatePlaces)),
            ("lon", .number(position.longitude, places: coordinatePlaces)),
            ("amenities", .array(station.amenities.members.map { .string($0.rawValue) })),
            ("address", .string(station.address)),
            ("province", .string(station.province)),
            ("city", .string(station.city)),
            ("opening_hours", .string(station.openingHours)),
            ("phone", .string(station.phone)),
            ("operator", .string(station.operator)),
        ])
    }
}
