import Foundation
import Testing
@testable import StationKit
import TestSupport

/// The direct problem against GeographicLib (start, azimuth and length of each fixture geodesic must
/// lead to its end) and against our own inverse.
@Suite struct GeodesicDirectTests {
    @Test func reachesGeographicLibsEndPoints() throws {
        let lines = try fixture("geodesic-vectors.csv").split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",").map(String.init)
        func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "column \(name)") }
        let lat1 = try column("lat1"), lon1 = try column("lon1"), lat2 = try column("lat2"), lon2 = try column("lon2")
        let length = try column("geodesic_m"), azimuth = try column("azi1_deg")
        var worst = 0.0
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
            let start = Coordinate(latitude: try #require(fields[lat1]), longitude: try #require(fields[lon1]))
            let end = Coordinate(latitude: try #require(fields[lat2]), longitude: try #require(fields[lon2]))
            let reached = start.destination(distance: try #require(fields[length]), azimuth: try #require(fields[azimuth]))
            // The fixture's end points have 7 decimals (≤ 6 cm of rounding), so compare through the
            // geodesic distance with that allowance.
            let miss = reached.geodesicDistance(to: end)
            worst = max(worst, miss)
            #expect(miss < 0.08, "\(line): reached \(reached), \(miss) m from the fixture's end")
        }
        #expect(worst > 0, "the comparison is not vacuous")
    }

    @Test func roundTripsWithTheInverseInEveryDirection() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<2_000 {
            let start = Coordinate(latitude: .random(in: -80...80, using: &rng), longitude: .random(in: -180...180, using: &rng))
            let distance = Double.random(in: 0.5...2_000_000, using: &rng), azimuth = Double.random(in: -180...360, using: &rng)
            let end = start.destination(distance: distance, azimuth: azimuth)
            #expect(end.isValid)
            #expect(abs(start.geodesicDistance(to: end) - distance) < 1e-4, "\(start) → \(distance) m at \(azimuth)°")
        }
    }

    @Test func simpleCases() {
        let origin = Coordinate(latitude: 0, longitude: 0)
        // A quarter of the equator (a·π/2) eastwards, and a quarter meridian northwards.
        let east = origin.destination(distance: 6_378_137 * Double.pi / 2, azimuth: 90)
        #expect(abs(east.latitude) < 1e-12 && abs(east.longitude - 90) < 1e-9)
        let north = origin.destination(distance: 10_001_965.729, azimuth: 0)
        #expect(abs(north.latitude - 90) < 1e-6)
        #expect(origin.destination(distance: 0, azimuth: 33) == origin)
        // Across the antimeridian the longitude wraps.
        let wrapped = Coordinate(latitude: 10, longitude: 179.99).destination(distance: 5_000, azimuth: 90)
        #expect(wrapped.longitude < -179.9)
    }
}
