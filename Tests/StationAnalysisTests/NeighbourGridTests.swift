import Foundation
import Testing
@testable import StationAnalysis
@testable import StationKit
import TestSupport

/// The audit's 50 m neighbour search against comparing every pair.
@Suite struct NeighbourGridTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func neighboursMatchBruteForce(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // Tight clusters (so pairs exist) at mid and high latitudes, plus stacks on one spot.
        let centres = [Coordinate(latitude: 37.86, longitude: 112.56), Coordinate(latitude: 53.3, longitude: 124.2),
                       Coordinate(latitude: 18.25, longitude: 109.5)]
        var points: [Coordinate] = []
        for i in 0..<1500 {
            let centre = centres[i % centres.count]
            points.append(Coordinate(latitude: centre.latitude + Double.random(in: -0.004...0.004, using: &rng),
                                     longitude: centre.longitude + Double.random(in: -0.004...0.004, using: &rng)))
        }
        points += Array(repeating: centres[0], count: 6)
        let grid = NeighbourGrid(points, radius: 50)
        for i in points.indices {
            let expected = points.indices.filter { $0 != i && points[i].geodesicDistance(to: points[$0]) <= 50 }
            #expect(Set(grid.neighbours(of: i).map(\.index)) == Set(expected))
        }
    }
}

/// Isolation (no other station within 2 km), decided by the same grid with 2 km cells.
@Suite struct IsolationGridTests {
    @Test(arguments: [UInt64(4), 5])
    func hasNeighbourMatchesBruteForce(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        // Spread so that about half the stations have a neighbour within 2 km, many near 2 km exactly.
        let centre = Coordinate(latitude: 45.7, longitude: 126.6)
        let points = (0..<1200).map { _ in
            Coordinate(latitude: centre.latitude + Double.random(in: -0.5...0.5, using: &rng),
                       longitude: centre.longitude + Double.random(in: -0.7...0.7, using: &rng))
        }
        let grid = NeighbourGrid(points, radius: 2000)
        var isolated = 0
        for i in points.indices {
            let expected = points.indices.contains { $0 != i && points[i].geodesicDistance(to: points[$0]) <= 2000 }
            #expect(grid.hasNeighbour(i) == expected)
            if !expected { isolated += 1 }
        }
        #expect(isolated > 100 && isolated < 1100)
    }
}
