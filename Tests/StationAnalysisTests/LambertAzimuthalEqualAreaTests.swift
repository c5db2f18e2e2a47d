import Foundation
import GEOSBridge
import Testing
@testable import StationAnalysis
@testable import StationKit
import TestSupport

/// The projection against EPSG's worked example, its own inverse, and areas on the ellipsoid
/// computed independently (numerical integration of the area element).
@Suite struct LambertAzimuthalEqualAreaTests {
    /// EPSG Guidance Note 7-2, ETRS89 / LAEA Europe (EPSG:3035): centre 52°N 10°E, false origin
    /// (4,321,000, 3,210,000); 50°N 5°E → E 3,962,799.45, N 2,999,718.85 m. EPSG uses GRS80, whose
    /// flattening differs from WGS84's in the tenth digit: millimetres here.
    @Test func matchesEPSGWorkedExample() {
        let projection = LambertAzimuthalEqualArea(center: Coordinate(latitude: 52, longitude: 10))
        let point = projection.project(Coordinate(latitude: 50, longitude: 5))
        #expect(abs(point.x - (3_962_799.45 - 4_321_000)) < 0.01, "x \(point.x)")
        #expect(abs(point.y - (2_999_718.85 - 3_210_000)) < 0.01, "y \(point.y)")
        let back = projection.unproject(point)
        #expect(abs(back.latitude - 50) < 1e-11 && abs(back.longitude - 5) < 1e-11)
    }

    @Test func authalicRadius() {
        #expect(abs(LambertAzimuthalEqualArea.authalicRadius - 6_371_007.18) < 0.01)
    }

    @Test func inverseUndoesForwardWithin3000Kilometres() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<200 {
            let center = Coordinate(latitude: .random(in: -70...70, using: &rng), longitude: .random(in: -180...180, using: &rng))
            let projection = LambertAzimuthalEqualArea(center: center)
            for _ in 0..<50 {
                let point = center.destination(distance: .random(in: 0...3_000_000, using: &rng), azimuth: .random(in: 0..<360, using: &rng))
                let back = projection.unproject(projection.project(point))
                #expect(abs(back.latitude - point.latitude) < 1e-10, "\(center) → \(point): \(back)")
                #expect(abs(remainder(back.longitude - point.longitude, 360)) < 1e-10, "\(center) → \(point): \(back)")
            }
        }
    }

    @Test func trueToScaleAtTheCentre() {
        let center = Coordinate(latitude: 37.8, longitude: 112.5)
        let projection = LambertAzimuthalEqualArea(center: center)
        for azimuth in stride(from: 0.0, to: 360, by: 45) {
            let point = projection.project(center.destination(distance: 100, azimuth: azimuth))
            #expect(abs((point.x * point.x + point.y * point.y).squareRoot() - 100) < 1e-4, "azimuth \(azimuth)")
        }
    }

    /// Area of a latitude/longitude quadrangle on WGS84 by Simpson's rule over the area element
    /// M·N·cos φ dφ dλ (independent of the projection's authalic formulas).
    static func quadrangleArea(south: Double, north: Double, west: Double, east: Double) -> Double {
        let a = Earth.wgs84SemiMajorAxis, f = Earth.wgs84Flattening
        let e2 = f * (2 - f)
        func element(_ phi: Double) -> Double {
            let w = 1 - e2 * sin(phi) * sin(phi)
            return a * (1 - e2) / pow(w, 1.5) * (a / w.squareRoot()) * cos(phi)
        }
        let steps = 2_000
        let (phi1, phi2) = (south * Double.pi / 180, north * Double.pi / 180)
        let h = (phi2 - phi1) / Double(steps)
        var sum = element(phi1) + element(phi2)
        for i in 1..<steps { sum += element(phi1 + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
        return sum * h / 3 * (east - west) * Double.pi / 180
    }

    @Test func areasAreEllipsoidalAreasAnywhere() {
        let projection = LambertAzimuthalEqualArea(center: Coordinate(latitude: 36, longitude: 104))
        // Near the centre, a province away, and 2,000 km off where shapes are visibly sheared.
        for (south, west, size) in [(35.5, 103.5, 1.0), (37.0, 110.5, 3.0), (20.0, 120.0, 5.0), (48.0, 84.0, 0.1)] {
            let (north, east) = (south + size, west + size)
            // The quadrangle's sides follow parallels and meridians: many points per side.
            var ring: [Coordinate] = []
            let n = 2_000
            for i in 0..<n { ring.append(Coordinate(latitude: south, longitude: west + size * Double(i) / Double(n))) }
            for i in 0..<n { ring.append(Coordinate(latitude: south + size * Double(i) / Double(n), longitude: east)) }
            for i in 0..<n { ring.append(Coordinate(latitude: north, longitude: east - size * Double(i) / Double(n))) }
            for i in 0..<n { ring.append(Coordinate(latitude: north - size * Double(i) / Double(n), longitude: west)) }
            ring.append(ring[0])
            let planar = ring.map(projection.project).doubleSignedArea / 2
            let exact = Self.quadrangleArea(south: south, north: north, west: west, east: east)
            #expect(abs(planar / exact - 1) < 1e-7, "\(south)°N \(west)°E ± \(size)°: \(planar) vs \(exact) m²")
        }
    }
}
