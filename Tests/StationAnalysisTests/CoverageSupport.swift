import Foundation
import GEOSBridge
import Testing
@testable import StationAnalysis
@testable import StationKit
import TestSupport

/// A prepared GEOS geometry of longitude/latitude polygons, for point tests in the oracles.
func preparedLonLat(_ polygons: [GeoPolygon], context: GEOSContext) throws -> PreparedGeometry {
    let plain = polygons.map { polygon in
        PlanarPolygon(exterior: polygon.exterior.map { PlanarPoint(x: $0.longitude, y: $0.latitude) },
                      holes: polygon.holes.map { $0.map { PlanarPoint(x: $0.longitude, y: $0.latitude) } })
    }
    return try context.multiPolygon(plain).prepared()
}

/// Points uniformly distributed by area on the WGS84 ellipsoid inside `polygons`: uniform in
/// longitude, latitude accepted with probability proportional to the area element
/// M·N·cos φ ∝ cos φ / (1 − e² sin² φ)², then kept if inside (GEOS, in longitude/latitude).
func samplesByArea(in polygons: [GeoPolygon], count: Int, seed: UInt64) throws -> [Coordinate] {
    let context = GEOSContext()
    let inside = try preparedLonLat(polygons, context: context)
    let box = try #require(BoundingBox(enclosing: polygons.flatMap(\.exterior)))
    let e2 = Earth.wgs84Flattening * (2 - Earth.wgs84Flattening)
    func weight(_ latitude: Double) -> Double {
        let s = sin(latitude * Double.pi / 180)
        return cos(latitude * Double.pi / 180) / ((1 - e2 * s * s) * (1 - e2 * s * s))
    }
    let heaviest = stride(from: box.south, through: box.north, by: (box.north - box.south) / 1000).map(weight).max()! * 1.001
    var rng = SeededGenerator(seed: seed)
    var samples: [Coordinate] = []
    while samples.count < count {
        let latitude = Double.random(in: box.south...box.north, using: &rng)
        guard Double.random(in: 0..<heaviest, using: &rng) < weight(latitude) else { continue }
        let longitude = Double.random(in: box.west...box.east, using: &rng)
        if try inside.covers(x: longitude, y: latitude) { samples.append(Coordinate(latitude: latitude, longitude: longitude)) }
    }
    return samples
}

/// Brute force: the geodesic distance from a point to the nearest of `stations` (WGS84), or
/// infinity beyond `limit` (stations outside the latitude band that could be that close are skipped).
struct NearestStationOracle {
    let coordinates: [Coordinate]

    init(_ stations: [Coordinate]) { coordinates = stations.sorted { $0.latitude < $1.latitude } }

    func distance(from point: Coordinate, limit: Double) -> Double {
        let band = limit / 110_000 + 1e-6
        var low = 0, high = coordinates.count
        while low < high {
            let mid = (low + high) / 2
            if coordinates[mid].latitude < point.latitude - band { low = mid + 1 } else { high = mid }
        }
        var best = Double.infinity
        for c in coordinates[low...] {
            if c.latitude > point.latitude + band { break }
            best = min(best, point.geodesicDistance(to: c))
        }
        return best <= limit ? best : .infinity
    }
}

/// Area of WGS84 polygons, measured by projecting them and summing shoelace areas.
func ellipsoidalArea(_ polygons: [GeoPolygon], projection: LambertAzimuthalEqualArea) -> Double {
    polygons.reduce(0) { total, polygon in
        let planar = polygon.projected(projection)
        return total + abs(planar.exterior.doubleSignedArea) / 2 - planar.holes.reduce(0) { $0 + abs($1.doubleSignedArea) / 2 }
    }
}

/// A station for tests: only the fields coverage looks at matter.
func testStation(_ id: String, _ latitude: Double, _ longitude: Double, kind: Kind = .outdoorWorkerStation,
                 amenities: AmenitySet = [.toilet]) -> Station {
    Station(id: id, name: id, kind: kind, coordinate: Coordinate(latitude: latitude, longitude: longitude), amenities: amenities)
}
