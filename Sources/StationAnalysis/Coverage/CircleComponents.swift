import GEOSBridge

/// Groups circles into connected components: circles whose polygons may overlap end up together,
/// and different components never overlap.
///
/// Each component is unioned on its own, so an isolated circle costs nothing and the union of a
/// city's thousands of circles is never merged with the rest of the province: GEOS's cascaded union
/// spends most of its time in those last, largest merges (7.3 s for the 77,000 circles of the
/// synthetic million in 广东's box in one go, 4.4 s component by component, GEOS 3.11 from C).
/// The components' unions are disjoint, so together they are already the union of everything.
enum CircleComponents {
    /// The components as lists of circle indices, each increasing, largest component first (ties
    /// by first index): for load balancing, and a deterministic order.
    ///
    /// Two circles may overlap when their centres are closer than the sum of their circumradii.
    /// The centres go into square cells whose diagonal is less than twice the smallest circumradius,
    /// so circles sharing a cell always link and a cell is one node of a union-find; neighbouring
    /// cells are joined at the first pair of circles that link them, and not looked at again once
    /// joined. A city of 100,000 stations then costs a few pair tests per cell, not per station.
    static func find(_ circles: GeodesicCircles) -> [[Int]] {
        let count = circles.count
        guard count > 0 else { return [] }
        let smallest = circles.circumradius.min()!, largest = circles.circumradius.max()!
        let side = 2.squareRoot() * smallest * 0.999
        let minX = circles.centres.lazy.map(\.x).min()!, minY = circles.centres.lazy.map(\.y).min()!
        func cell(_ i: Int) -> (x: Int, y: Int) {
            (Int((circles.centres[i].x - minX) / side), Int((circles.centres[i].y - minY) / side))
        }
        func key(_ x: Int, _ y: Int) -> Int64 { Int64(y) << 32 | Int64(x) }

        // Circles sorted by cell; each cell a run of `order`.
        let keys = (0..<count).map { i in let c = cell(i); return key(c.x, c.y) }
        let order = (0..<count).sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        var runs: [Range<Int>] = []
        var cellOfKey: [Int64: Int] = [:]
        var start = 0
        for k in 1...count where k == count || keys[order[k]] != keys[order[start]] {
            cellOfKey[keys[order[start]]] = runs.count
            runs.append(start..<k)
            start = k
        }

        var parent = Array(0..<runs.count)
        func root(_ a: Int) -> Int {
            var a = a
            while parent[a] != a {
                parent[a] = parent[parent[a]]
                a = parent[a]
            }
            return a
        }
        let reach = Int((2 * largest / side).rounded(.up))
        for (a, run) in runs.enumerated() {
            let home = cell(order[run.lowerBound])
            for dy in 0...reach {
                for dx in -reach...reach where dy > 0 || dx > 0 {
                    // Cells whose nearest points are farther apart than any link can reach.
                    let gapX = Double(max(0, abs(dx) - 1)) * side, gapY = Double(max(0, dy - 1)) * side
                    guard gapX * gapX + gapY * gapY < 4 * largest * largest,
                          let b = cellOfKey[key(home.x + dx, home.y + dy)], root(a) != root(b) else { continue }
                    if links(run, runs[b], order: order, circles: circles) {
                        let (ra, rb) = (root(a), root(b))
                        parent[max(ra, rb)] = min(ra, rb)
                    }
                }
            }
        }
        var members: [Int: [Int]] = [:]
        for (a, run) in runs.enumerated() { members[root(a), default: []].append(contentsOf: order[run]) }
        return members.values.map { $0.sorted() }.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    }

    /// Whether some circle of one cell may overlap some circle of the other.
    private static func links(_ a: Range<Int>, _ b: Range<Int>, order: [Int], circles: GeodesicCircles) -> Bool {
        for i in order[a] {
            let p = circles.centres[i]
            for j in order[b] {
                let q = circles.centres[j], reach = circles.circumradius[i] + circles.circumradius[j]
                if (p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y) < reach * reach { return true }
            }
        }
        return false
    }
}
