import Foundation
import Testing
@testable import StationKit
import TestSupport

/// The chord-and-curvature series that ranks stations (``ShortGeodesic``), against GeographicLib's
/// vectors and against Vincenty's iteration, which it replaces for lines up to 200 km.
@Suite struct ShortGeodesicTests {
    @Test func seriesMatchesGeographicLibOnEveryShortVector() throws {
        var used = 0, maxError = 0.0
        for vector in try GeodesicTests.vectors() {
            let p = vector.from.earthCentred, q = vector.to.earthCentred
            let chordSquared = p.chordSquared(to: q)
            guard chordSquared <= ShortGeodesic.maxChordSquared else { continue }
            used += 1
            let error = abs(ShortGeodesic.length(p, q, chordSquared: chordSquared) - vector.geodesic)
            maxError = max(maxError, error)
        }
        #expect(used > 200)
        // The fixture is rounded to 1 µm.
        #expect(maxError < 0.00001, "max error \(maxError) m")
    }

    /// Random lines at every latitude (poles included) and azimuth, up to the series' limit:
    /// within 10 µm of Vincenty, and the chord never longer than the result.
    @Test func seriesMatchesVincentyUpTo200Kilometres() {
        var rng = SeededGenerator(seed: 2026)
        var maxError = 0.0, worst = ""
        for round in 0..<20_000 {
            let from = Coordinate(latitude: round < 100 ? (round.isMultiple(of: 2) ? 90 : -90) : Double.random(in: -90...90, using: &rng),
                                  longitude: Double.random(in: -180...180, using: &rng))
            let distance = [Double.random(in: 0...10, using: &rng), Double.random(in: 0...5_000, using: &rng),
                            Double.random(in: 0...199_000, using: &rng)].randomElement(using: &rng)!
            let to = from.destination(distance: distance, azimuth: Double.random(in: 0..<360, using: &rng))
            let p = from.earthCentred, q = to.earthCentred
            let chordSquared = p.chordSquared(to: q)
            guard chordSquared <= ShortGeodesic.maxChordSquared, let vincenty = vincentyDistance(from, to) else { continue }
            let series = ShortGeodesic.length(p, q, chordSquared: chordSquared)
            #expect(series >= chordSquared.squareRoot())
            let error = abs(series - vincenty)
            if error > maxError { (maxError, worst) = (error, "\(from) → \(to)") }
        }
        #expect(maxError < 0.00001, "max error \(maxError) m at \(worst)")
    }

    /// `geodesicDistance` and the index compute the same expression from the same points, so
    /// the index's distances equal it to the last bit, in both directions.
    @Test func symmetricToTheLastBit() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let a = Coordinate(latitude: Double.random(in: 18...54, using: &rng), longitude: Double.random(in: 73...135, using: &rng))
            let b = a.destination(distance: Double.random(in: 0...150_000, using: &rng), azimuth: Double.random(in: 0..<360, using: &rng))
            #expect(a.geodesicDistance(to: b) == b.geodesicDistance(to: a))
        }
    }
}

/// Vincenty from Earth-centred points (what `geodesicDistance` and the index use beyond 200 km)
/// against the classic form from latitudes and longitudes.
@Suite struct EarthCentredVincentyTests {
    @Test func agreesWithTheClassicFormEverywhere() {
        var rng = SeededGenerator(seed: 11)
        var maxDifference = 0.0, compared = 0
        for round in 0..<20_000 {
            let from = Coordinate(latitude: round < 50 ? 90 : Double.random(in: -90...90, using: &rng),
                                  longitude: Double.random(in: -180...180, using: &rng))
            let to = from.destination(distance: Double.random(in: 0...19_000_000, using: &rng),
                                      azimuth: Double.random(in: 0..<360, using: &rng))
            let classic = vincentyDistance(from, to)
            let earthCentred = vincentyDistance(from.earthCentred, to.earthCentred)
            if let classic, let earthCentred {
                compared += 1
                maxDifference = max(maxDifference, abs(classic - earthCentred))
            }
        }
        #expect(compared > 19_000)
        #expect(maxDifference < 0.00001, "largest difference \(maxDifference) m")
    }

    @Test func antipodesDoNotConverge() {
        let point = Coordinate(latitude: 0.5, longitude: 10)
        let antipode = Coordinate(latitude: -0.5, longitude: -170)
        #expect(vincentyDistance(point.earthCentred, antipode.earthCentred) == nil)
        let distance = point.geodesicDistance(to: antipode)
        #expect(distance.isFinite && distance > 19_900_000 && distance < 20_100_000)
    }
}

/// The bound that lets the search rank by chord (``ChordBound``): no geodesic is longer than it
/// allows for its chord, and it is tight enough to leave few extra candidates.
@Suite struct ChordBoundTests {
    @Test func noGeodesicExceedsItsChordBound() {
        var rng = SeededGenerator(seed: 1_267)
        var worstSlack = Double.infinity, tightest = ""
        for round in 0..<20_000 {
            // The equator along a meridian is where the Earth curves most: the bound's own case.
            let from = round < 2_000
                ? Coordinate(latitude: Double.random(in: -0.5...0.5, using: &rng), longitude: Double.random(in: -180...180, using: &rng))
                : Coordinate(latitude: Double.random(in: -90...90, using: &rng), longitude: Double.random(in: -180...180, using: &rng))
            let azimuth = round < 2_000 ? [0.0, 180].randomElement(using: &rng)! : Double.random(in: 0..<360, using: &rng)
            let length = [Double.random(in: 0...100, using: &rng), Double.random(in: 0...200_000, using: &rng),
                          Double.random(in: 200_000...1_300_000, using: &rng), Double.random(in: 0...19_000_000, using: &rng)]
                .randomElement(using: &rng)!
            let to = from.destination(distance: length, azimuth: azimuth)
            let chord = from.earthCentred.chordSquared(to: to.earthCentred).squareRoot()
            let geodesic = from.geodesicDistance(to: to)
            let bound = ChordBound.longestGeodesic(chord: chord)
            #expect(geodesic <= bound, "\(from) → \(to): geodesic \(geodesic) m, bound \(bound) m")
            if bound - geodesic < worstSlack { (worstSlack, tightest) = (bound - geodesic, "\(from) → \(to)") }
            // Tight: within a hundredth of a percent (and the millimetre of widening) up to 1,200 km.
            if chord < 1_200_000 { #expect(bound - geodesic <= 1e-4 * geodesic + 2e-3, "\(from) → \(to)") }
        }
        // The widening is what keeps the meridian at the equator inside; it must stay positive there.
        #expect(worstSlack > 0, "tightest at \(tightest)")
    }
}
