import Foundation
@testable import StationKit
import TestSupport

/// A seeded registry of stations spread over central 山西 (35.5–39.5°N, 111–113.5°E), as CSV text
/// and as the stations it must read back as: big enough that commands take a while to write it.
struct SyntheticRegistry {
    let stations: [Station]
    let csv: String

    init(count: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let kinds = Kind.allCases
        let amenityLists: [[Amenity]] = [[.toilet, .drinkingWater], [.parking, .shower], [.lactationRoom, .rest], [.toilet]]
        var rows = ["id,name,kind,lat,lon,amenities,address,province,city,opening_hours,phone,operator"]
        var stations: [Station] = []
        rows.reserveCapacity(count + 1)
        stations.reserveCapacity(count)
        for i in 0..<count {
            // Six decimals, as registries write them; the station holds what reading them gives.
            let lat = String(format: "%.6f", Double.random(in: 35.5...39.5, using: &generator))
            let lon = String(format: "%.6f", Double.random(in: 111...113.5, using: &generator))
            let kind = kinds[i % kinds.count]
            let amenities = amenityLists[Int.random(in: 0..<amenityLists.count, using: &generator)]
            let id = String(format: "SX%07d", i)
            rows.append("\(id),驿站\(i),\(kind.rawValue),\(lat),\(lon),\(amenities.map(\.rawValue).joined(separator: ";")),山西省某路\(i)号,山西省,太原市,24/7,0351-4040123,总工会")
            stations.append(Station(id: id, name: "驿站\(i)", kind: kind, coordinate: Coordinate(latitude: Double(lat)!, longitude: Double(lon)!),
                                    amenities: AmenitySet(amenities), address: "山西省某路\(i)号", province: "山西省", city: "太原市",
                                    openingHours: "24/7", phone: "0351-4040123", operator: "总工会", sourceDatum: .wgs84))
        }
        self.stations = stations
        csv = rows.joined(separator: "\n") + "\n"
    }

    /// Writes the CSV into a new temporary folder and returns its path.
    func write(named name: String) throws -> String {
        try temporaryFile(name, csv)
    }
}
