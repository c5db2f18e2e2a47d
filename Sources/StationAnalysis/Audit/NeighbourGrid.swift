import Foundation
import StationKit

/// Pairs of stations within a short distance (50 m; 2 km for isolation), found through a latitude/longitude grid
/// rather than by comparing all pairs: stations are sorted by cell, and each looks only at the
/// cells that can hold a station that close. Exact: every candidate pair is confirmed with the
/// WGS84 geodesic.
///
/// The audit's own grid, not ``StationKit/StationIndex``: the index is tuned for nearest-k queries
/// with cells of ~10 km, where a 50 m search for each of a million stations would rank thousands
/// of neighbours per dense city cell; 55 m cells make the same search a few comparisons.
struct NeighbourGrid: Sendable {
    /// Cell height and width in degrees: at least the radius in latitude, so only the rows on
    /// either side can hold a neighbour (0.0005°, ~55 m, for the 50 m searches).
    let cell: Double
    let radius: Double
    /// Cell keys (row << 32 | column), sorted, and the station of each.
    let keys: [UInt64]
    let order: [Int32]
    let coordinates: [Coordinate]

    init(_ coordinates: [Coordinate], radius: Double) {
        self.radius = radius
        self.coordinates = coordinates
        // A degree of latitude is at least 110.5 km anywhere on the ellipsoid.
        let cell = max(0.0005, radius / 110_500)
        self.cell = cell
        let keyed = coordinates.enumerated().map { (Self.key(of: $0.element, cell: cell), Int32($0.offset)) }.sorted { $0 < $1 }
        keys = keyed.map(\.0)
        order = keyed.map(\.1)
    }

    static func row(_ coordinate: Coordinate, cell: Double) -> UInt64 { UInt64(((coordinate.latitude + 90) / cell).rounded(.down)) }
    static func column(_ coordinate: Coordinate, cell: Double) -> UInt64 { UInt64(((coordinate.longitude + 180) / cell).rounded(.down)) }
    static func key(of coordinate: Coordinate, cell: Double) -> UInt64 { row(coordinate, cell: cell) << 32 | column(coordinate, cell: cell) }

    /// Every other station within ``radius`` of station `index` (geodesic metres), nearest first.
    func neighbours(of index: Int) -> [Neighbour] {
        var found: [Neighbour] = []
        visitCandidates(of: index) { other in
            let distance = coordinates[index].geodesicDistance(to: coordinates[other])
            if distance <= radius { found.append(Neighbour(index: other, distance: distance)) }
            return true
        }
        return found.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }
    }

    /// Whether any other station lies within ``radius`` of station `index`; stops at the first.
    func hasNeighbour(_ index: Int) -> Bool {
        var found = false
        let point = coordinates[index]
        visitCandidates(of: index) { other in
            // A flat-earth estimate settles all but the pairs near the radius: the ellipsoid's
            // radii of curvature stay within 0.7 % of 6,371 km, so beyond 1 % either way it cannot be wrong.
            let estimate = Self.flatDistance(point, coordinates[other])
            if estimate > radius * 1.01 { return true }
            if estimate < radius * 0.99 || point.geodesicDistance(to: coordinates[other]) <= radius {
                found = true
                return false
            }
            return true
        }
        return found
    }

    /// Equirectangular distance on a 6,371 km sphere; good to well under 1 % within a few km.
    static func flatDistance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let degree = Double.pi / 180
        let north = (b.latitude - a.latitude) * degree
        var east = b.longitude - a.longitude
        if east > 180 { east -= 360 } else if east < -180 { east += 360 }
        east *= degree * cos((a.latitude + b.latitude) / 2 * degree)
        return 6_371_000 * (north * north + east * east).squareRoot()
    }

    /// Calls `visit` with every other station in the cells that can hold one within the radius,
    /// the station's own cell first (where a neighbour is likeliest), until it returns false.
    private func visitCandidates(of index: Int, _ visit: (Int) -> Bool) {
        let point = coordinates[index]
        let row = Self.row(point, cell: cell), column = Self.column(point, cell: cell)
        // Columns narrow towards the poles: how many a radius spans at this latitude (plus the
        // row above or below, whose parallel is nearer the pole).
        let metresPerColumn = cell * 111_320 * cos(min(abs(point.latitude) + cell, 89.9) * .pi / 180)
        let span = UInt64((radius / max(metresPerColumn, 1e-3)).rounded(.up))
        let columnsPerRow = UInt64((360 / cell).rounded(.up))
        let own = row << 32 | column
        var position = lowerBound(own)
        while position < keys.count && keys[position] == own {
            let other = Int(order[position])
            position += 1
            if other != index && !visit(other) { return }
        }
        for r in (row == 0 ? 0 : row - 1)...(row + 1) {
            // Near the antimeridian the columns wrap; such stations are not China's, so the
            // search simply stops at the edges.
            let low = r << 32 | (column >= span ? column - span : 0)
            let high = r << 32 | min(column + span, columnsPerRow)
            var position = lowerBound(low)
            while position < keys.count && keys[position] <= high {
                let key = keys[position], other = Int(order[position])
                position += 1
                if key == own || other == index { continue }
                if !visit(other) { return }
            }
        }
    }

    private func lowerBound(_ key: UInt64) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Another station close by, and how far (geodesic metres).
struct Neighbour: Sendable, Hashable {
    let index: Int
    let distance: Double
}
