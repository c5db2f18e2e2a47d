import GEOSBridge

/// One unit of the union work: a whole component, or one vertical strip of a component too large
/// for one core to finish in good time.
///
/// GEOS's union of one component runs on one core. A city where 100,000 stations overlap (重庆 in
/// the synthetic million: 123,000 circles, 7.5 s of union) would keep every other core idle for
/// most of the run, so such a component is cut into vertical strips by its stations' x quantiles:
/// each strip unions the circles that reach into it and keeps the part of the union inside it,
/// which is exactly the whole union's part there. The strips' areas add up; for the gaps the strip
/// pieces, which touch only along the cut lines, are merged again by one more union.
struct UnionJob: Sendable {
    /// Position of the component in the list of components.
    var component: Int
    /// The circles to union.
    var members: [Int]
    /// For a strip, the box the union is clipped to; nil for a whole component.
    var strip: PlanarBox?

    /// Components with at least this many circles are cut into strips (when there are several cores).
    static let splitThreshold = 20_000

    /// The jobs for `components`, in their order (largest first), strips of one component together.
    static func plan(_ components: [[Int]], circles: GeodesicCircles, workers: Int, threshold: Int = splitThreshold) -> [UnionJob] {
        var jobs: [UnionJob] = []
        for (c, members) in components.enumerated() {
            guard workers > 1, members.count >= threshold else {
                jobs.append(UnionJob(component: c, members: members, strip: nil))
                continue
            }
            var minY = Double.infinity, maxY = -Double.infinity, minX = Double.infinity, maxX = -Double.infinity
            for i in members {
                let p = circles.centres[i], r = circles.circumradius[i]
                (minX, maxX, minY, maxY) = (min(minX, p.x - r), max(maxX, p.x + r), min(minY, p.y - r), max(maxY, p.y + r))
            }
            // Two strips per core, cut where equal numbers of stations lie between the cuts.
            let xs = members.map { circles.centres[$0].x }.sorted()
            let strips = 2 * workers
            let cuts = [minX] + (1..<strips).map { xs[$0 * xs.count / strips] } + [maxX]
            for s in 0..<strips where cuts[s] < cuts[s + 1] {
                let (left, right) = (cuts[s], cuts[s + 1])
                let inStrip = members.filter { circles.centres[$0].x + circles.circumradius[$0] >= left && circles.centres[$0].x - circles.circumradius[$0] <= right }
                jobs.append(UnionJob(component: c, members: inStrip, strip: PlanarBox(minX: left, minY: minY, maxX: right, maxY: maxY)))
            }
        }
        return jobs
    }
}
