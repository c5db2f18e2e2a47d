import Foundation
import GEOSBridge
import Testing
@testable import StationAnalysis
@testable import StationKit
import TestSupport

/// The pieces of the coverage union, each against a direct check: circle bounds against the
/// polygons' own vertices, components against all pairs, thinning against the plain union.
@Suite struct CoverageInternalsTests {
    static func randomCircles(count: Int, around centre: Coordinate, spread: Double, radius: Double, seed: UInt64) -> GeodesicCircles {
        var rng = SeededGenerator(seed: seed)
        let coordinates = (0..<count).map { _ in
            Coordinate(latitude: centre.latitude + Double.random(in: -spread...spread, using: &rng),
                       longitude: centre.longitude + Double.random(in: -spread...spread, using: &rng))
        }
        return GeodesicCircles(around: coordinates, radius: radius, segments: 64,
                               projection: LambertAzimuthalEqualArea(center: Coordinate(latitude: centre.latitude + 3, longitude: centre.longitude - 4)))
    }

    /// Distance from `p` to the segment a–b in the plane.
    static func distance(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        let (dx, dy) = (b.x - a.x, b.y - a.y)
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
        let (x, y) = (a.x + t * dx - p.x, a.y + t * dy - p.y)
        return (x * x + y * y).squareRoot()
    }

    @Test func boundsHoldForEveryPolygon() {
        for (latitude, radius) in [(22.0, 1_000.0), (45.0, 200.0), (53.0, 50_000.0), (30.0, 200_000.0)] {
            let circles = Self.randomCircles(count: 200, around: Coordinate(latitude: latitude, longitude: 110), spread: 4, radius: radius, seed: 7)
            for i in 0..<circles.count {
                let ring = circles.polygon(i).exterior, c = circles.centres[i]
                #expect(ring.count == 65 && ring.first == ring.last)
                #expect(ring.doubleSignedArea > 0, "counterclockwise")
                let farthest = ring.map { (($0.x - c.x) * ($0.x - c.x) + ($0.y - c.y) * ($0.y - c.y)).squareRoot() }.max()!
                let nearestEdge = zip(ring, ring.dropFirst()).map { Self.distance(c, $0, $1) }.min()!
                #expect(farthest <= circles.circumradius[i], "r \(radius): vertex at \(farthest) beyond \(circles.circumradius[i])")
                #expect(nearestEdge >= circles.inradius[i], "r \(radius): edge at \(nearestEdge) inside \(circles.inradius[i])")
                // …and not uselessly loose.
                #expect(circles.inradius[i] > 0.98 * nearestEdge && circles.circumradius[i] < 1.02 * farthest)
            }
        }
    }

    @Test func componentsMatchAllPairs() {
        for seed: UInt64 in 1...5 {
            let circles = Self.randomCircles(count: 600, around: Coordinate(latitude: 30, longitude: 115), spread: 0.3, radius: 1_000, seed: seed)
            // Brute force: a union-find over every pair.
            var parent = Array(0..<circles.count)
            func root(_ i: Int) -> Int { parent[i] == i ? i : root(parent[i]) }
            for i in 0..<circles.count {
                for j in (i + 1)..<circles.count {
                    let (p, q) = (circles.centres[i], circles.centres[j])
                    let reach = circles.circumradius[i] + circles.circumradius[j]
                    if (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) < reach * reach { parent[root(i)] = root(j) }
                }
            }
            var expected: [Int: [Int]] = [:]
            for i in 0..<circles.count { expected[root(i), default: []].append(i) }
            let found = CircleComponents.find(circles)
            #expect(Set(found) == Set(expected.values), "seed \(seed)")
            #expect(found.map(\.count) == found.map(\.count).sorted(by: >), "largest first")
        }
    }

    /// Thinned (kept circles, trimmed, and rectangles) and plain unions are the same shape.
    @Test func thinningKeepsTheUnion() throws {
        let context = GEOSContext()
        for (seed, count, spread) in [(UInt64(11), 3_000, 0.06), (12, 400, 0.06), (13, 40, 0.06), (14, 2_000, 0.3)] {
            let circles = Self.randomCircles(count: count, around: Coordinate(latitude: 36, longitude: 117), spread: spread, radius: 1_000, seed: seed)
            let members = Array(0..<circles.count)
            let polygons = InteriorCells.thin(members, circles: circles)
            let plain = try context.multiPolygon(members.map(circles.polygon)).unaryUnion()
            let thinned = try context.multiPolygon(polygons).unaryUnion()
            let (plainArea, thinnedArea) = (try plain.area(), try thinned.area())
            #expect(abs(plainArea - thinnedArea) < 1e-9 * plainArea, "seed \(seed)")
            let (lost, gained) = (try plain.difference(thinned).area(), try thinned.difference(plain).area())
            // GEOS's noding leaves square millimetres either way; a real loss would be square metres.
            #expect(lost < 1e-3 && gained < 1e-3, "seed \(seed): \(lost) m² lost, \(gained) m² gained")
            // Same shape, not just the same area: a hairline gap between two rectangles would show
            // as an extra hole or part.
            let (plainParts, thinnedParts) = (try plain.polygons(), try thinned.polygons())
            #expect(plainParts.count == thinnedParts.count, "seed \(seed): parts")
            let plainHoles = plainParts.reduce(0) { $0 + $1.holes.count }, thinnedHoles = thinnedParts.reduce(0) { $0 + $1.holes.count }
            #expect(plainHoles == thinnedHoles, "seed \(seed): holes")
            for polygon in polygons {
                #expect(try context.polygon(polygon).isValid(), "seed \(seed): every piece is a valid polygon")
            }
            let vertices = polygons.reduce(0) { $0 + $1.exterior.count }
            if count >= 400 && spread < 0.1 {
                #expect(vertices < count * 65 / 3, "seed \(seed): a dense cluster loses most of its vertices: \(vertices) of \(count * 65)")
            } else if count < InteriorCells.minimumCircles * 10 {
                #expect(polygons.count == count, "a sparse component is left alone")
            }
        }
    }
}
