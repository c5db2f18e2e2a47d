import Foundation
import GEOSBridge
import StationKit

/// Geodesic circles of one radius around stations, as polygons in the plane of a projection.
///
/// Each polygon has `segments` vertices at geodesic distance `radius × vertexScale` from the
/// station (Vincenty's direct problem on WGS84, at equally spaced azimuths), projected. A polygon
/// inscribed in the circle would miss the slivers between its chords and the arc (0.16 % of the
/// area with 64 vertices); pushing the vertices out by `vertexScale` gives the polygon the circle's
/// own area instead, so the covered share has no bias: the outline then runs within ±0.08 % of the
/// radius of the true circle (±0.8 m at 1 km), outside at the vertices and inside mid-chord.
///
/// The centres, and bounds on how far each projected polygon reaches (circumradius) and what disc it
/// surely contains (inradius), come first and cheaply; vertices are made only for the circles the
/// union needs (``polygon(_:)``).
struct GeodesicCircles: Sendable {
    let radius: Double
    let segments: Int
    let projection: LambertAzimuthalEqualArea
    let coordinates: [Coordinate]
    /// Projected station positions.
    let centres: [PlanarPoint]
    /// No vertex of circle `i` is farther than this from its centre.
    let circumradius: [Double]
    /// The disc of this radius around the centre lies inside polygon `i`.
    let inradius: [Double]

    /// Radius of the vertices ÷ radius of the circle, for equal areas: √(2π / (N·sin(2π/N))).
    let vertexScale: Double
    /// Vertex azimuths in degrees, decreasing from north (north, then west…), so that rings come
    /// out counterclockwise in the plane.
    private let azimuths: [Double]

    init(around coordinates: [Coordinate], radius: Double, segments: Int, projection: LambertAzimuthalEqualArea) {
        self.radius = radius
        self.segments = segments
        self.projection = projection
        self.coordinates = coordinates
        let n = Double(segments)
        vertexScale = (2 * Double.pi / (n * sin(2 * Double.pi / n))).squareRoot()
        azimuths = (0..<segments).map { -360 * Double($0) / n }
        let vertexRadius = radius * vertexScale
        let chordFactor = cos(Double.pi / n)
        let bounds = parallelMap(count: coordinates.count) { i in
            Self.bounds(at: coordinates[i], radius: radius, projection: projection)
        }
        centres = bounds.map(\.centre)
        circumradius = bounds.map { vertexRadius * $0.maximumScale }
        inradius = bounds.map { vertexRadius * chordFactor * $0.minimumScale }
    }

    var count: Int { centres.count }

    /// Only circles `indices`, renumbered in that order.
    func subset(_ indices: [Int]) -> GeodesicCircles {
        GeodesicCircles(copying: self, indices)
    }

    private init(copying other: GeodesicCircles, _ indices: [Int]) {
        (radius, segments, projection, vertexScale, azimuths) = (other.radius, other.segments, other.projection, other.vertexScale, other.azimuths)
        coordinates = indices.map { other.coordinates[$0] }
        centres = indices.map { other.centres[$0] }
        circumradius = indices.map { other.circumradius[$0] }
        inradius = indices.map { other.inradius[$0] }
    }

    /// The closed, counterclockwise ring of circle `i` in the plane.
    func polygon(_ i: Int) -> PlanarPolygon {
        let centre = coordinates[i]
        let distance = radius * vertexScale
        var ring: [PlanarPoint] = []
        ring.reserveCapacity(segments + 1)
        for azimuth in azimuths {
            ring.append(projection.project(centre.destination(distance: distance, azimuth: azimuth)))
        }
        ring.append(ring[0])
        return PlanarPolygon(exterior: ring)
    }

    /// The projected centre and the least and greatest factor by which the projection stretches
    /// distances near `coordinate`, with a margin for what a first-order view misses.
    ///
    /// The projection's Jacobian at the station, measured with 10 m steps north and east, maps the
    /// small circle to an ellipse whose semi-axes are the Jacobian's singular values times the
    /// radius. What that first-order view misses (meridians converging, the ellipsoid bending) was
    /// measured at under 0.08·r/R for latitudes 0–60° and centres up to 30° away; the margin is
    /// r/(4R) + 10⁻⁵ (the finite steps), three times that, so the bounds are safe and still within
    /// 0.2 % for a 10 km radius.
    static func bounds(at coordinate: Coordinate, radius: Double, projection: LambertAzimuthalEqualArea)
        -> (centre: PlanarPoint, minimumScale: Double, maximumScale: Double) {
        let centre = projection.project(coordinate)
        let step = 10.0
        let north = projection.project(coordinate.destination(distance: step, azimuth: 0))
        let east = projection.project(coordinate.destination(distance: step, azimuth: 90))
        // Columns: the images of unit steps east and north.
        let (a, c) = ((east.x - centre.x) / step, (east.y - centre.y) / step)
        let (b, d) = ((north.x - centre.x) / step, (north.y - centre.y) / step)
        // Singular values of [[a, b], [c, d]] from the invariants of JᵀJ.
        let sum = a * a + b * b + c * c + d * d
        let determinant = abs(a * d - b * c)
        let spread = max(0, sum * sum / 4 - determinant * determinant).squareRoot()
        let largest = (sum / 2 + spread).squareRoot(), smallest = determinant / largest
        let margin = radius / (4 * LambertAzimuthalEqualArea.authalicRadius) + 1e-5
        return (centre, smallest * (1 - margin), largest * (1 + margin))
    }
}
