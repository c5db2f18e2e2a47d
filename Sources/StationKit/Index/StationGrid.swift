import Dispatch
import Foundation

/// A latitude/longitude grid over a set of stations, stored as flat sorted arrays: the main grid
/// of a ``StationIndex`` holds every station, a ``RareBitLayer`` those with one rare amenity or kind.
///
/// Built by a counting sort of the entries into cells (CSR layout: a cell is a range of the sorted
/// arrays), then by how far east they lie inside each cell (the east key, ``eastAxes(columns:width:in:)``). Cells
/// are thin latitude strips, many times wider than high, so the east order does within a cell
/// what the rows do across them. Every cell and every row keeps the OR of its stations'
/// search masks, so a search skips what cannot match. Columns always span the full 360° of
/// longitude, which makes the antimeridian an ordinary wrap-around; rows span only the entries'
/// latitudes. The arrays point into memory an ``IndexMemory`` owns (built, or a mapped snapshot).
struct StationGrid: @unchecked Sendable {
    let rowCount: Int
    let columnCount: Int
    let minLatitude: Double
    let rowHeight: Double
    let columnWidth: Double

    /// `cellStart[c] ..< cellStart[c + 1]` is cell `c`'s range in the sorted arrays (row-major cells).
    let cellStart: UnsafeBufferPointer<UInt32>
    /// OR of the search masks of each cell's stations.
    let cellMask: UnsafeBufferPointer<UInt32>
    /// OR of the cell masks of each row.
    let rowMask: UnsafeBufferPointer<UInt32>
    /// The entries, sorted by cell and from west to east inside a cell: point, mask and station
    /// together, two to a cache line, so the walk reads each entry with one load.
    let entries: UnsafeBufferPointer<GridEntry>
    /// Each column's east axis (``eastAxes(columns:width:in:)``), the order inside its cells.
    let eastAxis: UnsafeBufferPointer<Double>
    /// The east key of every ``fenceSpacing``-th entry (of `entries[16 j]`, on its own cell's
    /// axis): a search finds where to start in a big cell among these, a few cache lines, instead
    /// of probing the entries themselves, a cache miss each.
    let fences: UnsafeBufferPointer<Double>
    /// The Earth-centred z of every row edge, south to north (``rowEdgeZ(rows:south:height:in:)``).
    let rowEdgeZ: UnsafeBufferPointer<Double>

    /// Entries per fence: half a kilobyte of entries, found from the fences with one more bisection.
    static let fenceSpacing = 16

    /// Most rows and columns a grid has (the build's caps; a snapshot claiming more is refused).
    static let maxRows = 1 << 15
    static let maxColumns = 1 << 16
    /// Entries per cell the grid is sized for (over the full circle, so many cells are empty).
    /// Dense cities then hold hundreds in a cell; the search reaches only the few near the query
    /// through the east order inside each cell, so cells may be coarse, and cheap in memory.
    static let entriesPerCell = 2.0

    var entryCount: Int { entries.count }

    /// Bytes of the arrays.
    var bytes: Int {
        cellStart.count * 4 + cellMask.count * 4 + rowMask.count * 4
            + entries.count * MemoryLayout<GridEntry>.stride + eastAxis.count * 8 + fences.count * 8 + rowEdgeZ.count * 8
    }

    /// One expression for build and snapshot alike, so both compute the identical width.
    static func columnWidth(columns: Int) -> Double { 360 / Double(columns) }

    static func row(of latitude: Double, south: Double, height: Double, rows: Int) -> Int {
        min(max(Int(((latitude - south) / height).rounded(.down)), 0), rows - 1)
    }

    static func column(of longitude: Double, width: Double, columns: Int) -> Int {
        // Longitude 180 goes into the last column (its east edge), not around to the first.
        min(max(Int(((longitude + 180) / width).rounded(.down)), 0), columns - 1)
    }

    func row(of latitude: Double) -> Int { Self.row(of: latitude, south: minLatitude, height: rowHeight, rows: rowCount) }
    func column(of longitude: Double) -> Int { Self.column(of: longitude, width: columnWidth, columns: columnCount) }

    /// One entry to build a grid from.
    struct Entry {
        var coordinate: Coordinate
        var point: EarthCentred
        var mask: UInt32
        var station: UInt32
    }

    /// Builds a grid over `entries`, allocating its arrays in `memory`.
    static func build(_ entries: [Entry], aspect: Double = aspect, in memory: IndexMemory) -> StationGrid {
        let count = entries.count
        var south = Double.infinity, north = -Double.infinity
        for entry in entries {
            south = min(south, entry.coordinate.latitude)
            north = max(north, entry.coordinate.latitude)
        }
        if count == 0 { (south, north) = (0, 0) }
        let span = max(north - south, 1e-6)
        // Cells `aspect` times wider than high: thin latitude strips, inside which the east order
        // does the rest.
        let height = (360 * span * entriesPerCell / Double(max(count, 1)) / aspect).squareRoot()
        let rowCount = min(max(Int((span / height).rounded(.up)), 1), maxRows)
        let columnCount = min(max(Int((360 / (aspect * height)).rounded(.up)), 1), maxColumns)
        let rowHeight = span / Double(rowCount)
        let columnWidth = columnWidth(columns: columnCount)

        // Counting sort into cells: count, then scatter each entry straight into its slot (reads
        // in input order, writes to a few hundred thousand places, nothing gathered back)...
        let cellCount = rowCount * columnCount
        let cellOf = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        defer { cellOf.deallocate() }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        entries.withUnsafeBufferPointer { input in
            // The row and column arithmetic, most of this pass, on all cores.
            nonisolated(unsafe) let input = input, cells = cellOf
            let south = south, block = 1 << 15
            DispatchQueue.concurrentPerform(iterations: (count + block - 1) / block) { b in
                for i in b * block..<min(count, (b + 1) * block) {
                    let row = Self.row(of: input[i].coordinate.latitude, south: south, height: rowHeight, rows: rowCount)
                    cells[i] = Int32(row * columnCount + Self.column(of: input[i].coordinate.longitude, width: columnWidth, columns: columnCount))
                }
            }
        }
        let start = memory.allocate(UInt32.self, count: cellCount + 1)
        for cell in cellOf { start[Int(cell) + 1] += 1 }
        for c in 0..<cellCount { start[c + 1] += start[c] }
        let sorted = memory.allocate(GridEntry.self, count: count)
        let cellBits = memory.allocate(UInt32.self, count: cellCount)
        let rowBits = memory.allocate(UInt32.self, count: rowCount)
        // The scatter on all cores: each takes a band of whole rows holding about an equal share
        // of the entries, reads every entry and writes only those in its band, so slots, cell
        // masks and row masks are disjoint and input order is kept inside each cell.
        var bands = [0]
        for part in 1..<cores {
            var row = bands.last!
            while row < rowCount && Int(start[row * columnCount]) < count * part / cores { row += 1 }
            bands.append(row)
        }
        bands.append(rowCount)
        let next = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: cellCount)
        defer { next.deallocate() }
        _ = next.initialize(from: UnsafeBufferPointer(start: start.baseAddress, count: cellCount))
        entries.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input, cells = cellOf, slots = sorted, next = next, cellBits = cellBits, rowBits = rowBits
            let rowBands = bands
            DispatchQueue.concurrentPerform(iterations: cores) { part in
                let low = rowBands[part] * columnCount, high = rowBands[part + 1] * columnCount
                guard low < high else { return }
                for i in 0..<count {
                    let cell = Int(cells[i])
                    guard cell >= low && cell < high else { continue }
                    let entry = input[i]
                    slots[Int(next[cell])] = GridEntry(x: entry.point.x, y: entry.point.y, z: entry.point.z, mask: entry.mask, station: entry.station)
                    next[cell] += 1
                    cellBits[cell] |= entry.mask
                    rowBits[cell / columnCount] |= entry.mask
                }
            }
        }
        // ...then west to east inside each cell (equal keys by station number, so input order),
        // for the search's walk outward from the query's key. Cells are independent: both cores.
        let axes = eastAxes(columns: columnCount, width: columnWidth, in: memory)
        nonisolated(unsafe) let slots = sorted, starts = start, axisPairs = axes
        let cellsPerBlock = 1 << 12
        DispatchQueue.concurrentPerform(iterations: (cellCount + cellsPerBlock - 1) / cellsPerBlock) { block in
            for cell in block * cellsPerBlock..<min(cellCount, (block + 1) * cellsPerBlock) where starts[cell + 1] - starts[cell] > 1 {
                let column = cell % columnCount
                let ax = axisPairs[2 * column], ay = axisPairs[2 * column + 1]
                var range = UnsafeMutableBufferPointer(rebasing: slots[Int(starts[cell])..<Int(starts[cell + 1])])
                range.sort { (a: GridEntry, b: GridEntry) -> Bool in
                    let ka = a.x * ax + a.y * ay, kb = b.x * ax + b.y * ay
                    return ka < kb || (ka == kb && a.station < b.station)
                }
            }
        }
        let fences = Self.fences(cellStart: UnsafeBufferPointer(start), entries: UnsafeBufferPointer(sorted), columns: columnCount,
                                 eastAxis: axes, in: memory)
        return StationGrid(rowCount: rowCount, columnCount: columnCount, minLatitude: south, rowHeight: rowHeight,
                           columnWidth: columnWidth, cellStart: UnsafeBufferPointer(start),
                           cellMask: UnsafeBufferPointer(cellBits), rowMask: UnsafeBufferPointer(rowBits),
                           entries: UnsafeBufferPointer(sorted), eastAxis: axes, fences: fences,
                           rowEdgeZ: rowEdgeZ(rows: rowCount, south: south, height: rowHeight, in: memory))
    }

    /// Fences for `entries`, one per ``fenceSpacing`` entries.
    static func fenceCount(entries: Int) -> Int { (entries + fenceSpacing - 1) / fenceSpacing }

    /// The east keys of every ``fenceSpacing``-th entry, each on its own cell's axis.
    static func fences(cellStart: UnsafeBufferPointer<UInt32>, entries: UnsafeBufferPointer<GridEntry>, columns: Int,
                       eastAxis: UnsafeBufferPointer<Double>, in memory: IndexMemory) -> UnsafeBufferPointer<Double> {
        let fences = memory.allocate(Double.self, count: fenceCount(entries: entries.count))
        var cell = 0
        for j in fences.indices {
            let position = j * fenceSpacing
            while Int(cellStart[cell + 1]) <= position { cell += 1 }
            fences[j] = eastKey(of: entries[position], column: cell % columns, eastAxis: eastAxis)
        }
        return UnsafeBufferPointer(fences)
    }

    /// The fence that is not its entry's east key, if any (damage a snapshot's checksum missed).
    func firstWrongFence() -> Int? {
        guard fences.count == Self.fenceCount(entries: entries.count) else { return 0 }
        let scratch = IndexMemory()
        return withExtendedLifetime(scratch) {
            let expected = Self.fences(cellStart: cellStart, entries: entries, columns: columnCount, eastAxis: eastAxis, in: scratch)
            return fences.indices.first { fences[$0].bitPattern != expected[$0].bitPattern }
        }
    }

    /// An entry's east key: the one expression the sort, the fences and the search all use.
    @inline(__always)
    static func eastKey(of entry: GridEntry, column: Int, eastAxis: UnsafeBufferPointer<Double>) -> Double {
        entry.x * eastAxis[2 * column] + entry.y * eastAxis[2 * column + 1]
    }

    /// Width ÷ height of a cell of the main grid, in degrees. Under callgrind at 1M, 16 against 8:
    /// k = 10 with the 50 % amenity 9,605 → 9,228 instructions and 36.0 → 32.2 cache misses a
    /// query, k = 10 without a filter 23.4 → 20.9 misses; 32 gave fewer misses but more work.
    static let aspect = 16.0

    /// Per column, the unit vector pointing east at its middle meridian, (−sin λ, cos λ) (interleaved;
    /// z is 0). Computed, not stored in snapshots: the same expression gives the same bits.
    ///
    /// An entry's **east key** is its point projected on its column's axis, x·(−sin λ) + y·cos λ =
    /// ρ sin(λ − λ_middle), which grows with longitude across the column. A projection on a unit
    /// vector, so two points' keys never differ by more than their chord, hence by more than their
    /// geodesic: what lets the search stop walking a cell.
    static func eastAxes(columns: Int, width: Double, in memory: IndexMemory) -> UnsafeBufferPointer<Double> {
        let axes = memory.allocate(Double.self, count: 2 * columns)
        for column in 0..<columns {
            let middle = ((Double(column) + 0.5) * width - 180) * degreesToRadians
            axes[2 * column] = -sin(middle)
            axes[2 * column + 1] = cos(middle)
        }
        return UnsafeBufferPointer(axes)
    }
}

extension StationGrid {
    /// The Earth-centred z of each row's south edge and of the last row's north edge, on the
    /// ellipsoid: z = a (1 − e²) sin φ / √(1 − e² sin² φ), which rises with latitude. Computed, not
    /// stored in snapshots.
    ///
    /// A column's east axis has no z, so a chord is at least as long as its key difference and its
    /// z difference together: k² + Δz² ≤ c². A row whose stations all lie Δz or more from the
    /// query in z is walked only while the key difference is under √(reach² − Δz²), a disc's
    /// width there and not the whole strip's.
    static func rowEdgeZ(rows: Int, south: Double, height: Double, in memory: IndexMemory) -> UnsafeBufferPointer<Double> {
        let edges = memory.allocate(Double.self, count: rows + 1)
        let e2 = ShortGeodesic.eccentricitySquared
        for row in 0...rows {
            let sine = sin((south + Double(row) * height) * degreesToRadians)
            edges[row] = Earth.wgs84SemiMajorAxis * (1 - e2) * sine / (1 - e2 * sine * sine).squareRoot()
        }
        return UnsafeBufferPointer(edges)
    }
}

/// One station in a grid: its Earth-centred point in metres, its search mask
/// (``StationIndex/searchMask(_:)``) and its position in ``StationIndex/stations``. 32 bytes,
/// laid out as the snapshot's `sorted-entry` section stores it (docs/SNAPSHOT.md).
struct GridEntry: BitwiseCopyable {
    var x: Double
    var y: Double
    var z: Double
    var mask: UInt32
    var station: UInt32

    var point: EarthCentred { EarthCentred(x: x, y: y, z: z) }
}

/// A grid over the stations with one rare search bit (an amenity or a kind), so that a query for
/// it opens a handful of cells instead of every cell the main grid has in reach: a 0.5 % amenity
/// over a million stations is 5,000 entries, all in cache.
struct RareBitLayer: @unchecked Sendable {
    let bit: UInt32
    let grid: StationGrid

    /// Bits held by at most this share of the stations get a layer...
    static let maxShare = 0.08
    /// ...rarest first, while all layers together hold at most this many entries per station
    /// (each entry costs about 36 bytes).
    static let entryBudget = 0.12
    /// Width ÷ height of a layer's cells: 16, right for the main grid, cost the 0.5 % amenity's
    /// k = 10 queries 2 % more instructions here.
    static let aspect = 8.0

    /// The layer of `bit` over `members`, the entries that have it.
    init(bit: UInt32, members: [StationGrid.Entry], in memory: IndexMemory) {
        self.bit = bit
        grid = StationGrid.build(members, aspect: Self.aspect, in: memory)
    }
}
