import StationKit
import TestSupport
@testable import StationAnalysis

/// Registries for the diff and reconciliation oracles: stations on a lattice of about 2 km,
/// jittered, each with a name no other shares (names differ in digits, which the name test
/// never takes for one station), so any pairing the code finds must come from an edit.
enum Lattice {
    static let spacing = 0.018  // degrees of latitude ≈ 2 km; longitude at 37° is ≈ 1.6 km

    static func station(_ number: Int, using rng: inout SeededGenerator) -> Station {
        let row = number / 100, column = number % 100
        let amenities = AmenitySet(Amenity.allCases.filter { _ in Bool.random(using: &rng) })
        return Station(
            id: "stn-\(number)", name: "太原市第\(number)号工会驿站", kind: Kind.allCases[number % 3],
            coordinate: Coordinate(latitude: 36 + Double(row) * spacing + Double.random(in: -0.002...0.002, using: &rng),
                                   longitude: 111 + Double(column) * spacing + Double.random(in: -0.002...0.002, using: &rng)),
            amenities: amenities, address: "地址\(number)", province: "山西省", city: "太原市",
            openingHours: "Mo-Fr 08:00-18:00", phone: "0351-\(1_000_000 + number)", operator: "太原市总工会")
    }

    static func stations(_ count: Int, using rng: inout SeededGenerator) -> [Station] {
        (0..<count).map { station($0, using: &rng) }
    }

    /// `station` moved `metres` north (a degree of latitude is 110.6–111.7 km; close enough for
    /// choosing test distances far from every threshold).
    static func moved(_ station: Station, metres: Double) -> Station {
        var moved = station
        moved.coordinate.latitude += metres / 111_000
        return moved
    }

    static func result(_ stations: [Station], file: String) -> LoadResult {
        LoadResult(stations: stations, origins: stations.indices.map { RecordOrigin(file: file, location: .line($0 + 2)) })
    }
}
