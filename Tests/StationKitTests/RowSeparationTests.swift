import Foundation
import Testing
@testable import StationKit
import TestSupport

/// The bound that narrows the walk in rows away from the query's: a chord is at least as long as
/// its east-key difference and its z difference together, and every station of a row lies
/// between that row's edges in z.
@Suite struct RowSeparationTests {
    /// Dense city clusters (hundreds of stations a cell) over a sparse background, and a cluster
    /// at each pole, where rows are nearly flat in z.
    static let stations: [Station] = {
        var rng = SeededGenerator(seed: 71)
        let cities = randomStations(count: 3000, centres: StationIndexOracleTests.chinaCities, spread: 0.05, using: &rng, idPrefix: "c")
        let background = randomStations(count: 1000, centres: [Coordinate(latitude: 0, longitude: 0)], spread: 180, using: &rng, idPrefix: "b")
        let poles = randomStations(count: 400, centres: [Coordinate(latitude: 89.95, longitude: 0), Coordinate(latitude: -89.95, longitude: 0)],
                                   spread: 0.05, using: &rng, idPrefix: "p")
        return cities + background + poles
    }()

    @Test func everyEntryLiesBetweenItsRowsEdgesInZ() {
        let index = StationIndex(Self.stations)
        let grid = index.grid
        #expect(grid.rowEdgeZ.count == grid.rowCount + 1)
        #expect((0..<grid.rowCount).allSatisfy { grid.rowEdgeZ[$0] < grid.rowEdgeZ[$0 + 1] }, "z rises with latitude")
        var checked = 0
        for cell in 0..<grid.rowCount * grid.columnCount {
            let row = cell / grid.columnCount
            for position in Int(grid.cellStart[cell])..<Int(grid.cellStart[cell + 1]) {
                let z = grid.entries[position].z
                // The search allows a metre for rounding; the entries need far less.
                #expect(z >= grid.rowEdgeZ[row] - 1e-3 && z <= grid.rowEdgeZ[row + 1] + 1e-3, "entry \(position) in row \(row)")
                checked += 1
            }
        }
        #expect(checked == Self.stations.count)
    }

    /// For queries near the stations and far from them, no station's squared key difference plus
    /// its row's separation exceeds its squared chord: the walk never stops short of a station
    /// the reach allows.
    @Test func keyAndRowSeparationNeverExceedTheChord() {
        let index = StationIndex(Self.stations)
        let grid = index.grid
        var rng = SeededGenerator(seed: 72)
        var narrowed = 0
        for _ in 0..<200 {
            let centre = Self.stations.randomElement(using: &rng)!.coordinate
            let point = Coordinate(latitude: min(max(centre.latitude + Double.random(in: -0.2...0.2, using: &rng), -90), 90),
                                   longitude: remainder(centre.longitude + Double.random(in: -0.2...0.2, using: &rng), 360))
            let search = NearestSearch(grid: grid, stationCount: index.count, point: point, limit: 1, required: 0, kinds: .max,
                                       maxDistance: nil, candidates: UnsafeMutableBufferPointer(start: nil, count: 0))
            for cell in 0..<grid.rowCount * grid.columnCount where grid.cellStart[cell] < grid.cellStart[cell + 1] {
                let row = cell / grid.columnCount, column = cell % grid.columnCount
                let separation = search.zSeparationSquared(row)
                let key = StationGrid.eastKey(of: GridEntry(x: search.query.x, y: search.query.y, z: 0, mask: 0, station: 0),
                                              column: column, eastAxis: grid.eastAxis)
                for position in Int(grid.cellStart[cell])..<Int(grid.cellStart[cell + 1]) {
                    let entry = grid.entries[position]
                    let gap = StationGrid.eastKey(of: entry, column: column, eastAxis: grid.eastAxis) - key
                    let chordSquared = search.query.chordSquared(to: entry.point)
                    #expect(gap * gap + separation <= chordSquared, "query \(point), entry \(position)")
                    if separation > 0.25 * chordSquared { narrowed += 1 }
                }
            }
        }
        #expect(narrowed > 10_000, "the separation must be large for many pairs for this to test anything")
    }

    /// A snapshot computes the edges at open from its header: the same bits as the build.
    @Test func snapshotComputesTheSameEdges() throws {
        let folder = try snapshotFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let memory = StationIndex(Self.stations)
        let mapped = try roundTrip(memory, in: folder)
        #expect(mapped.grid.rowEdgeZ.map(\.bitPattern) == memory.grid.rowEdgeZ.map(\.bitPattern))
    }
}
