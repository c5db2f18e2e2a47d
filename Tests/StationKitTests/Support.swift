import Foundation
@testable import StationKit
import TestSupport

/// Reads a file that sits in this test target's Fixtures folder.
func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
}

/// Random stations around `centres` (spread in degrees), with random kinds and amenities.
func randomStations(count: Int, centres: [Coordinate], spread: Double, using rng: inout SeededGenerator,
                    idPrefix: String = "s") -> [Station] {
    (0..<count).map { i in
        let centre = centres[Int.random(in: 0..<centres.count, using: &rng)]
        var latitude = centre.latitude + Double.random(in: -spread...spread, using: &rng)
        latitude = min(max(latitude, -90), 90)
        var longitude = centre.longitude + Double.random(in: -spread...spread, using: &rng)
        if longitude > 180 { longitude -= 360 }
        if longitude < -180 { longitude += 360 }
        // Amenity frequencies from common to rare, so filters of every selectivity occur.
        var amenities = AmenitySet()
        for (position, amenity) in Amenity.allCases.enumerated() where Double.random(in: 0..<1, using: &rng) < 0.6 / Double(position + 1) {
            amenities.insert(amenity)
        }
        return Station(id: "\(idPrefix)\(Int.random(in: 0..<1_000_000, using: &rng))-\(i)", name: "station \(i)",
                       kind: Kind.allCases.randomElement(using: &rng)!,
                       coordinate: Coordinate(latitude: latitude, longitude: longitude), amenities: amenities)
    }
}

/// The oracle: every station checked, sorted by geodesic distance, then id.
func bruteForceNearest(_ stations: [Station], to point: Coordinate, limit: Int, filter: StationFilter,
                       maxDistance: Double?) -> [Match] {
    var all: [(match: Match, id: String)] = []
    for (i, station) in stations.enumerated() where filter.accepts(station) {
        let distance = point.geodesicDistance(to: station.coordinate)
        if let maxDistance, distance > maxDistance { continue }
        all.append((Match(index: i, distance: distance), station.id))
    }
    all.sort { $0.match.distance != $1.match.distance ? $0.match.distance < $1.match.distance : $0.id < $1.id }
    return all.prefix(limit).map(\.match)
}
