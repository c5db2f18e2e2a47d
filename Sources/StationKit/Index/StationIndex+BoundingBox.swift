/// A latitude/longitude rectangle. `west > east` means it crosses the antimeridian.
public struct BoundingBox: Hashable, Sendable {
    public var south: Double, west: Double, north: Double, east: Double

    public init(south: Double, west: Double, north: Double, east: Double) {
        self.south = south
        self.west = west
        self.north = north
        self.east = east
    }

    /// Whether `coordinate` lies inside (edges included).
    public func contains(_ coordinate: Coordinate) -> Bool {
        guard coordinate.latitude >= south && coordinate.latitude <= north else { return false }
        let lon = coordinate.longitude
        return west <= east ? (lon >= west && lon <= east) : (lon >= west || lon <= east)
    }
}

extension StationIndex {
    /// Indices (into ``stations``) of the stations inside `box` that pass `filter`, in id order.
    public func inBoundingBox(_ box: BoundingBox, filter: StationFilter = StationFilter()) -> [Int] {
        guard !stations.isEmpty, box.south <= box.north else { return [] }
        let required = filter.requiredBits, kindBits = filter.kindBits
        let firstRow = Self.row(of: box.south, south: minLatitude, height: rowHeight, rows: rowCount)
        let lastRow = Self.row(of: box.north, south: minLatitude, height: rowHeight, rows: rowCount)
        // Column ranges to scan: one, or two when the box wraps the antimeridian.
        let westColumn = Self.column(of: box.west, width: columnWidth, columns: columnCount)
        let eastColumn = Self.column(of: box.east, width: columnWidth, columns: columnCount)
        let spans: [ClosedRange<Int>] = box.west <= box.east
            ? [westColumn...eastColumn]
            : [westColumn...(columnCount - 1), 0...eastColumn]
        var found: [Int] = []
        for row in firstRow...lastRow where rowMask[row] & required == required && rowMask[row] & kindBits != 0 {
            for span in spans {
                for column in span {
                    let cell = Self.cell(row: row, column: column, columns: columnCount)
                    let mask = cellMask[cell]
                    guard mask & required == required && mask & kindBits != 0 else { continue }
                    for position in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
                        let bits = entries[position].mask
                        guard bits & required == required && bits & kindBits != 0 else { continue }
                        let station = Int(entries[position].station)
                        // A damaged snapshot's station number beyond the list is no answer.
                        guard station < stations.count else { continue }
                        let coordinate = stations.coordinate(at: station)
                        // isValid: a damaged snapshot's garbage position is no answer.
                        if coordinate.isValid && box.contains(coordinate) { found.append(station) }
                    }
                }
            }
        }
        return sortedByID(found)
    }
}
