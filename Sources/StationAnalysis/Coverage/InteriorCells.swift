import GEOSBridge

/// Thins a component of circles before the union: the inside of a dense cluster is replaced by a few
/// rectangles, and only the circles that reach its edge stay.
///
/// A grid with cells half an inradius wide is laid over the component. A cell is *full* when it lies
/// inside the disc that some circle's polygon surely contains (all four corners within the
/// inradius); a circle is *redundant* when every cell its polygon can reach is full. The union of
/// the full cells (as row runs) and the remaining circles is then exactly the union of all circles:
/// the cells lie inside it, and the dropped circles inside the cells. The rectangles' corners lie
/// strictly inside circles, so they add no vertex to the outline. Where thousands of stations
/// overlap, most circles go: in 广东's box on the synthetic million, 77,000 → 27,000 circles and the
/// union time 4.4 s → 2.1 s (GEOS 3.11 driven from C, component by component).
enum InteriorCells {
    /// Components smaller than this are unioned as they are.
    static let minimumCircles = 8
    /// Beyond this many cells the grid would cost more than it saves.
    static let maximumCells = 16_000_000

    /// The circles to keep (increasing indices) and the rectangles that stand in for the others.
    static func thin(_ members: [Int], circles: GeodesicCircles) -> (kept: [Int], rectangles: [PlanarPolygon]) {
        guard members.count >= minimumCircles else { return (members, []) }
        let side = 0.5 * members.map { circles.inradius[$0] }.min()!
        guard side > 0 else { return (members, []) }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in members {
            let c = circles.centres[i], r = circles.circumradius[i]
            minX = min(minX, c.x - r); maxX = max(maxX, c.x + r)
            minY = min(minY, c.y - r); maxY = max(maxY, c.y + r)
        }
        let columns = Int(((maxX - minX) / side).rounded(.up)) + 1, rows = Int(((maxY - minY) / side).rounded(.up)) + 1
        guard columns * rows <= maximumCells else { return (members, []) }
        var full = [Bool](repeating: false, count: columns * rows)

        // Cells of a row wholly inside the disc: both y edges and both x edges within the radius.
        for i in members {
            let c = circles.centres[i], r = circles.inradius[i]
            let firstRow = max(0, Int((c.y - r - minY) / side)), lastRow = min(rows - 1, Int((c.y + r - minY) / side))
            guard firstRow <= lastRow else { continue }
            for row in firstRow...lastRow {
                let y0 = minY + Double(row) * side, y1 = y0 + side
                let dy = max(abs(y0 - c.y), abs(y1 - c.y))
                guard dy < r else { continue }
                let half = (r * r - dy * dy).squareRoot()
                let first = Int(((c.x - half - minX) / side).rounded(.up)), last = Int(((c.x + half - minX) / side).rounded(.down)) - 1
                guard first <= last else { continue }
                for column in max(0, first)...min(columns - 1, last) { full[row * columns + column] = true }
            }
        }

        var kept: [Int] = []
        for i in members {
            let c = circles.centres[i], r = circles.circumradius[i]
            var redundant = true
            let firstRow = max(0, Int((c.y - r - minY) / side)), lastRow = min(rows - 1, Int((c.y + r - minY) / side))
            rowLoop: for row in firstRow...lastRow {
                let y0 = minY + Double(row) * side, y1 = y0 + side
                let dy = max(0, y0 - c.y, c.y - y1)
                guard dy < r else { continue }
                let half = (r * r - dy * dy).squareRoot()
                let first = max(0, Int((c.x - half - minX) / side)), last = min(columns - 1, Int((c.x + half - minX) / side))
                for column in first...last where !full[row * columns + column] {
                    redundant = false
                    break rowLoop
                }
            }
            if !redundant { kept.append(i) }
        }
        guard kept.count < members.count else { return (members, []) }

        var rectangles: [PlanarPolygon] = []
        for row in 0..<rows {
            var column = 0
            while column < columns {
                guard full[row * columns + column] else { column += 1; continue }
                let start = column
                while column < columns && full[row * columns + column] { column += 1 }
                let x0 = minX + Double(start) * side, x1 = minX + Double(column) * side
                let y0 = minY + Double(row) * side, y1 = y0 + side
                rectangles.append(PlanarPolygon(exterior: [
                    PlanarPoint(x: x0, y: y0), PlanarPoint(x: x1, y: y0), PlanarPoint(x: x1, y: y1),
                    PlanarPoint(x: x0, y: y1), PlanarPoint(x: x0, y: y0),
                ]))
            }
        }
        return (kept, rectangles)
    }
}
