import GEOSBridge

/// Thins a component of circles before the union: the inside of a dense cluster is replaced by a few
/// rectangles, and only what reaches its edge stays.
///
/// A grid with cells half an inradius wide is laid over the component. A cell is *full* when it lies
/// inside the disc that some circle's polygon surely contains (all four corners within the
/// inradius). The full cells go in as rectangles (row runs), and then
/// - a circle whose polygon reaches only full cells is dropped, and
/// - a kept circle loses each run of vertices whose cut-off piece (the polygon between the run and
///   the chord that replaces it) lies in full cells, so only the arcs near holes and the outer edge
///   stay.
///
/// Both removals take away only what the rectangles cover, and the rectangles lie inside the
/// circles, so the union is exactly the union of all circles; the rectangles' corners lie strictly
/// inside circles, so they add no vertex to the outline. Where thousands of stations overlap, most
/// of the input goes: in 广东's box on the synthetic million, 77,000 → 27,000 circles and the union
/// time 4.4 s → 2.1 s before trimming (GEOS 3.11 driven from C, component by component).
struct InteriorCells {
    /// Components smaller than this are unioned as they are.
    static let minimumCircles = 8
    /// Beyond this many cells the grid would cost more than it saves.
    static let maximumCells = 16_000_000

    private let minX: Double, minY: Double, side: Double
    private let columns: Int, rows: Int
    private var full: [Bool]
    /// Summed-area table of `full`: (rows + 1) × (columns + 1), for "is every cell of this box full?" in O(1).
    private var fullBefore: [Int32] = []

    /// The polygons whose union is the union of `members`' circles: kept (trimmed) circles, then rectangles.
    static func thin(_ members: [Int], circles: GeodesicCircles) -> [PlanarPolygon] {
        guard members.count >= minimumCircles, let cells = InteriorCells(members, circles: circles) else {
            return members.map(circles.polygon)
        }
        let kept = members.filter { !cells.isRedundant($0, circles: circles) }
        guard kept.count < members.count else { return members.map(circles.polygon) }
        return kept.map { cells.trimmed(circles.polygon($0)) } + cells.rectangles()
    }

    private init?(_ members: [Int], circles: GeodesicCircles) {
        side = 0.5 * members.map { circles.inradius[$0] }.min()!
        guard side > 0 else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in members {
            let c = circles.centres[i], r = circles.circumradius[i]
            minX = min(minX, c.x - r); maxX = max(maxX, c.x + r)
            minY = min(minY, c.y - r); maxY = max(maxY, c.y + r)
        }
        (self.minX, self.minY) = (minX, minY)
        columns = Int(((maxX - minX) / side).rounded(.up)) + 1
        rows = Int(((maxY - minY) / side).rounded(.up)) + 1
        guard columns * rows <= Self.maximumCells else { return nil }
        full = [Bool](repeating: false, count: columns * rows)
        // Cells of a row wholly inside a disc: both y edges and both x edges within the radius.
        for i in members {
            let c = circles.centres[i], r = circles.inradius[i]
            let firstRow = max(0, Int((c.y - r - minY) / side)), lastRow = min(rows - 1, Int((c.y + r - minY) / side))
            guard firstRow <= lastRow else { continue }
            for row in firstRow...lastRow {
                let y0 = minY + Double(row) * side, y1 = minY + Double(row + 1) * side
                let dy = max(abs(y0 - c.y), abs(y1 - c.y))
                guard dy < r else { continue }
                let half = (r * r - dy * dy).squareRoot()
                let first = Int(((c.x - half - minX) / side).rounded(.up)), last = Int(((c.x + half - minX) / side).rounded(.down)) - 1
                guard first <= last else { continue }
                for column in max(0, first)...min(columns - 1, last) { full[row * columns + column] = true }
            }
        }
        fullBefore = [Int32](repeating: 0, count: (rows + 1) * (columns + 1))
        for row in 0..<rows {
            var inRow: Int32 = 0
            for column in 0..<columns {
                if full[row * columns + column] { inRow += 1 }
                fullBefore[(row + 1) * (columns + 1) + column + 1] = fullBefore[row * (columns + 1) + column + 1] + inRow
            }
        }
    }

    /// Whether every cell the box meets is full (false beyond the grid).
    private func isFull(minX x0: Double, minY y0: Double, maxX x1: Double, maxY y1: Double) -> Bool {
        let c0 = Int(((x0 - minX) / side).rounded(.down)), c1 = Int(((x1 - minX) / side).rounded(.down))
        let r0 = Int(((y0 - minY) / side).rounded(.down)), r1 = Int(((y1 - minY) / side).rounded(.down))
        guard c0 >= 0, r0 >= 0, c1 < columns, r1 < rows else { return false }
        let w = columns + 1
        let count = fullBefore[(r1 + 1) * w + c1 + 1] - fullBefore[r0 * w + c1 + 1] - fullBefore[(r1 + 1) * w + c0] + fullBefore[r0 * w + c0]
        return Int(count) == (r1 - r0 + 1) * (c1 - c0 + 1)
    }

    /// Whether every cell circle `i`'s polygon can reach is full.
    private func isRedundant(_ i: Int, circles: GeodesicCircles) -> Bool {
        let c = circles.centres[i], r = circles.circumradius[i]
        let firstRow = max(0, Int((c.y - r - minY) / side)), lastRow = min(rows - 1, Int((c.y + r - minY) / side))
        for row in firstRow...lastRow {
            let y0 = minY + Double(row) * side, y1 = minY + Double(row + 1) * side
            let dy = max(0, y0 - c.y, c.y - y1)
            guard dy < r else { continue }
            let half = (r * r - dy * dy).squareRoot()
            let first = max(0, Int((c.x - half - minX) / side)), last = min(columns - 1, Int((c.x + half - minX) / side))
            for column in first...last where !full[row * columns + column] { return false }
        }
        return true
    }

    /// `polygon` (a closed convex ring) without the runs of vertices whose cut-off pieces lie in
    /// full cells: a piece lies within the box of its vertices and the two it is cut between. At
    /// least three vertices stay; a convex ring stays convex.
    private func trimmed(_ polygon: PlanarPolygon) -> PlanarPolygon {
        let ring = Array(polygon.exterior.dropLast())
        let n = ring.count
        // Start at a vertex that must stay, so that runs never wrap around the start.
        guard let start = (0..<n).first(where: { k in
            let (a, b, c) = (ring[(k + n - 1) % n], ring[k], ring[(k + 1) % n])
            return !isFull(minX: min(a.x, b.x, c.x), minY: min(a.y, b.y, c.y), maxX: max(a.x, b.x, c.x), maxY: max(a.y, b.y, c.y))
        }) else { return polygon }
        var kept = [ring[start]]
        var anchor = ring[start]
        var k = 1
        while k < n {
            // Extend the run ring[start + k …] while the piece it cuts off stays in full cells.
            var (x0, y0, x1, y1) = (anchor.x, anchor.y, anchor.x, anchor.y)
            var end = k
            while end < n {
                let v = ring[(start + end) % n], next = ring[(start + end + 1) % n]
                let (nx0, ny0) = (min(x0, v.x, next.x), min(y0, v.y, next.y)), (nx1, ny1) = (max(x1, v.x, next.x), max(y1, v.y, next.y))
                guard isFull(minX: nx0, minY: ny0, maxX: nx1, maxY: ny1) else { break }
                (x0, y0, x1, y1) = (min(x0, v.x), min(y0, v.y), max(x1, v.x), max(y1, v.y))
                end += 1
            }
            // ring[start + end] ends the run (or there is none left): it stays, as the next anchor.
            if end < n {
                anchor = ring[(start + end) % n]
                kept.append(anchor)
            }
            k = end + 1
        }
        guard kept.count >= 3 else { return polygon }
        return PlanarPolygon(exterior: kept + [kept[0]])
    }

    /// The full cells as rectangles, one per run of a row.
    private func rectangles() -> [PlanarPolygon] {
        var rectangles: [PlanarPolygon] = []
        for row in 0..<rows {
            var column = 0
            while column < columns {
                guard full[row * columns + column] else { column += 1; continue }
                let start = column
                while column < columns && full[row * columns + column] { column += 1 }
                // Edges from the same formula as the neighbours' (not y0 + side): rows that touch
                // must share their edge to the last bit, or a hairline gap opens between them.
                let x0 = minX + Double(start) * side, x1 = minX + Double(column) * side
                let y0 = minY + Double(row) * side, y1 = minY + Double(row + 1) * side
                rectangles.append(PlanarPolygon(exterior: [
                    PlanarPoint(x: x0, y: y0), PlanarPoint(x: x1, y: y0), PlanarPoint(x: x1, y: y1),
                    PlanarPoint(x: x0, y: y1), PlanarPoint(x: x0, y: y0),
                ]))
            }
        }
        return rectangles
    }
}
