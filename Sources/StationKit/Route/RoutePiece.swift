import Foundation

/// A short run of consecutive legs of a route and a spherical cap that holds all of it: the unit
/// in which the corridor search visits the grid.
///
/// Testing each station of a cell against every leg that passes near the cell would cost, on a
/// route with a vertex every few hundred metres, dozens of legs per station. A piece's cap rejects
/// most stations with one chord, and only the stations inside it meet the legs.
struct RoutePiece: Sendable {
    /// The legs (indices into ``Route/segments``) this piece covers, perhaps only part of the first
    /// and last (a long leg is cut into several pieces).
    var segments: ClosedRange<Int>
    /// Centre of the cap, unit vector.
    var center: Vector3
    /// Central angle (radians) within which every point of the piece's arcs lies from ``center``.
    var radius: Double
}

extension Route {
    /// Cuts the route into pieces no longer than `maxAngle` radians (central angle from a piece's
    /// first point) and of at most `maxSegments` legs.
    ///
    /// `maxAngle` is capped at 0.1 rad (about 640 km): on arcs that short the farthest point from the
    /// cap's centre is always one of the arc's ends, so the cap's radius is the largest vertex angle.
    func pieces(maxAngle requested: Double, maxSegments: Int = 32) -> [RoutePiece] {
        let maxAngle = min(max(requested, 1e-5), 0.1)
        var pieces: [RoutePiece] = []
        var vertices: [Vector3] = []
        var first = 0, last = 0

        func close() {
            guard let origin = vertices.first else { return }
            var sum = Vector3(x: 0, y: 0, z: 0)
            for vertex in vertices { sum = sum + vertex }
            let center = sum.length > 1e-9 ? sum.normalized : origin
            let radius = vertices.reduce(0) { max($0, center.angle(to: $1)) }
            pieces.append(RoutePiece(segments: first...last, center: center, radius: radius))
            vertices.removeAll(keepingCapacity: true)
        }

        for (index, segment) in segments.enumerated() {
            // Points along the leg at most maxAngle apart: a·cos t + (n × a)·sin t walks the arc.
            let cuts = segment.isPoint ? 1 : max(1, Int((segment.angle / maxAngle).rounded(.up)))
            var previous = segment.a
            for cut in 1...cuts {
                let next: Vector3
                if cut == cuts {
                    next = segment.b
                } else {
                    let t = segment.angle * Double(cut) / Double(cuts)
                    next = cos(t) * segment.a + sin(t) * segment.alongFromStart
                }
                let isNewLeg = vertices.isEmpty || index != last
                if let origin = vertices.first,
                   origin.angle(to: next) > maxAngle || (isNewLeg && last - first + 1 >= maxSegments) {
                    close()
                }
                if vertices.isEmpty {
                    first = index
                    vertices.append(previous)
                }
                vertices.append(next)
                last = index
                previous = next
            }
        }
        close()
        return pieces
    }
}
