import GEOSBridge
import StationKit

/// Longest edge kept as it is when polygons move between longitude/latitude and the plane, in metres.
///
/// An edge is straight in longitude/latitude on one side and straight in the projection on the
/// other. The two lines part most along a parallel, which curves in the plane by about tan φ / R:
/// L²·tan φ / (8R) ≈ 1.5 cm at the middle of a 1 km edge at 37°N. Longer edges get intermediate
/// vertices, so both sides stay within centimetres of each other.
let maximumEdgeLength = 1_000.0

extension GeoPolygon {
    /// The polygon in the plane of `projection`, with edges longer than `maximumEdge` metres first
    /// split into equal pieces along their longitude/latitude line.
    func projected(_ projection: LambertAzimuthalEqualArea, maximumEdge: Double = maximumEdgeLength) -> PlanarPolygon {
        func ring(_ ring: [Coordinate]) -> [PlanarPoint] {
            densified(ring, maximumEdge: maximumEdge).map(projection.project)
        }
        return PlanarPolygon(exterior: ring(exterior), holes: holes.map(ring))
    }

    /// `ring` with every edge longer than `maximumEdge` split linearly in degrees (no antimeridian
    /// wrap: regions here are Chinese provinces or boxes inside ±180°).
    private func densified(_ ring: [Coordinate], maximumEdge: Double) -> [Coordinate] {
        guard var previous = ring.first else { return ring }
        var out = [previous]
        out.reserveCapacity(ring.count)
        for next in ring.dropFirst() {
            // The sphere is close enough to decide how many pieces (it only has to be roughly right).
            let pieces = Int((previous.sphericalDistance(to: next) / maximumEdge).rounded(.up))
            if pieces > 1 {
                for i in 1..<pieces {
                    let t = Double(i) / Double(pieces)
                    out.append(Coordinate(latitude: previous.latitude + t * (next.latitude - previous.latitude),
                                          longitude: previous.longitude + t * (next.longitude - previous.longitude)))
                }
            }
            out.append(next)
            previous = next
        }
        return out
    }
}

extension PlanarPolygon {
    /// The polygon back in WGS84 longitude/latitude, with edges longer than `maximumEdge` metres
    /// first split in the plane, so that a long straight edge of the projection (a Voronoi cell's,
    /// say) keeps its course on a longitude/latitude map.
    func unprojected(_ projection: LambertAzimuthalEqualArea, maximumEdge: Double = maximumEdgeLength) -> GeoPolygon {
        func ring(_ ring: [PlanarPoint]) -> [Coordinate] {
            guard var previous = ring.first else { return [] }
            var out = [projection.unproject(previous)]
            out.reserveCapacity(ring.count)
            for next in ring.dropFirst() {
                let length = ((next.x - previous.x) * (next.x - previous.x) + (next.y - previous.y) * (next.y - previous.y)).squareRoot()
                let pieces = Int((length / maximumEdge).rounded(.up))
                if pieces > 1 {
                    for i in 1..<pieces {
                        let t = Double(i) / Double(pieces)
                        out.append(projection.unproject(PlanarPoint(x: previous.x + t * (next.x - previous.x), y: previous.y + t * (next.y - previous.y))))
                    }
                }
                out.append(projection.unproject(next))
                previous = next
            }
            // The closing vertex must repeat the first exactly, whatever rounding did.
            out[out.count - 1] = out[0]
            return out
        }
        return GeoPolygon(exterior: ring(exterior), holes: holes.map(ring))
    }
}
