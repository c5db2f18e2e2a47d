import Dispatch
import Foundation

/// A static spatial index of stations: a latitude/longitude grid stored as flat sorted arrays.
///
/// Built once by a counting sort of the stations into cells (CSR layout: a cell is a range of the
/// sorted arrays). Every cell and every row keeps the OR of its stations' amenity and kind bits,
/// so a search for a rare amenity never opens a cell or a row that cannot match. Columns always
/// span the full 360° of longitude, which makes the antimeridian an ordinary wrap-around; rows
/// span only the data's latitudes. Immutable after build, hence safe to share across threads.
///
/// The arrays are buffer pointers into memory the build allocated or into a mapped snapshot
/// (``StationSnapshot``), so both run the same search code; ``memory`` keeps either alive.
public struct StationIndex: @unchecked Sendable {
    /// The stations, in the order they were given; ``Match/index`` points into this list.
    public let stations: StationList

    // Grid geometry.
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
    /// OR of every station's mask: a query nothing can match is answered without searching.
    let dataMask: UInt32
    /// OR of the cell masks of each block of 64 consecutive columns of a row
    /// (`row * blocksPerRow + column / 64`): a rare amenity skips 64 cells at a time.
    let blockMask: UnsafeBufferPointer<UInt32>
    let blocksPerRow: Int

    // Stations sorted by cell; parallel arrays so the hot loop touches only what it needs.
    /// Unit vectors `x, y, z` (interleaved, 32-bit): the chord between unit vectors ranks exactly
    /// like the great-circle distance and needs no trigonometry. 32 bits put a station within
    /// ~1.3 m, which the search's stopping margin absorbs; final distances come from the records.
    let sortedUnit: UnsafeBufferPointer<Float>
    let sortedMask: UnsafeBufferPointer<UInt32>
    /// Position of each sorted entry in ``stations``.
    let sortedStation: UnsafeBufferPointer<UInt32>
    /// Rank of each station (by position in ``stations``) in id order, for deterministic tie-breaks.
    let idRank: UnsafeBufferPointer<UInt32>

    /// Owner of everything the buffers above point into.
    let memory: IndexMemory

    /// Most rows and columns a grid has (the build's caps; a snapshot claiming more is refused).
    static let maxRows = 1 << 15
    static let maxColumns = 1 << 16

    /// Blocks of 64 columns per row.
    static func blocks(columns: Int) -> Int { (columns + 63) / 64 }

    /// Builds the index. Stations must have valid coordinates (the readers guarantee it).
    public init(_ stations: [Station]) {
        precondition(stations.count < Int(Int32.max), "more stations than the index can address")
        precondition(stations.allSatisfy { $0.coordinate.isValid }, "station with an invalid coordinate")
        let count = stations.count

        let latitudes = stations.map(\.coordinate.latitude)
        let south = latitudes.min() ?? 0
        let north = latitudes.max() ?? 0
        let span = max(north - south, 1e-6)
        // About one cell per station over the full circle; clustered data then averages a few
        // stations per occupied cell, which keeps both the cell scan and the heap small.
        let side = (360 * span / Double(max(count, 1))).squareRoot()
        let rowCount = min(max(Int((span / side).rounded(.up)), 1), Self.maxRows)
        let columnCount = min(max(Int((360 / side).rounded(.up)), 1), Self.maxColumns)
        let rowHeight = span / Double(rowCount)
        let columnWidth = Self.columnWidth(columns: columnCount)
        let memory = IndexMemory()

        // Counting sort into cells; stable, so stations in a cell keep their input order.
        let cellCount = rowCount * columnCount
        var cellOf = [Int](repeating: 0, count: count)
        let start = memory.allocate(UInt32.self, count: cellCount + 1)
        for (i, station) in stations.enumerated() {
            let cell = Self.cell(row: Self.row(of: station.coordinate.latitude, south: south, height: rowHeight, rows: rowCount),
                                 column: Self.column(of: station.coordinate.longitude, width: columnWidth, columns: columnCount),
                                 columns: columnCount)
            cellOf[i] = cell
            start[cell + 1] += 1
        }
        for c in 0..<cellCount { start[c + 1] += start[c] }
        var next = Array(start.prefix(cellCount))
        let order = memory.allocate(UInt32.self, count: count)
        for i in 0..<count {
            let cell = cellOf[i]
            order[Int(next[cell])] = UInt32(i)
            next[cell] += 1
        }

        let masks = stations.map(Self.searchMask)
        // Three trigonometric calls per station: the costliest part of the build, so on all cores.
        let units = memory.allocate(Float.self, count: 3 * count)
        nonisolated(unsafe) let slots = units.baseAddress!
        nonisolated(unsafe) let sortedOrder = UnsafeBufferPointer(order)
        let block = 1 << 15
        DispatchQueue.concurrentPerform(iterations: (count + block - 1) / block) { b in
            for position in b * block..<min(count, (b + 1) * block) {
                let (x, y, z) = stations[Int(sortedOrder[position])].coordinate.unitVector
                slots[3 * position] = Float(x)
                slots[3 * position + 1] = Float(y)
                slots[3 * position + 2] = Float(z)
            }
        }
        let sortedMasks = memory.allocate(UInt32.self, count: count)
        for position in 0..<count { sortedMasks[position] = masks[Int(order[position])] }

        let cellBits = memory.allocate(UInt32.self, count: cellCount)
        let rowBits = memory.allocate(UInt32.self, count: rowCount)
        for i in 0..<count {
            cellBits[cellOf[i]] |= masks[i]
            rowBits[cellOf[i] / columnCount] |= masks[i]
        }
        let blocks = Self.blocks(columns: columnCount)
        let blockBits = memory.allocate(UInt32.self, count: rowCount * blocks)
        for cell in 0..<cellCount where cellBits[cell] != 0 {
            blockBits[cell / columnCount * blocks + cell % columnCount / 64] |= cellBits[cell]
        }

        let rank = memory.allocate(UInt32.self, count: count)
        for (position, i) in stations.indices.sorted(by: { stations[$0].id < stations[$1].id }).enumerated() {
            rank[i] = UInt32(position)
        }

        self.init(stations: StationList(stations), rowCount: rowCount, columnCount: columnCount,
                  minLatitude: south, rowHeight: rowHeight,
                  cellStart: UnsafeBufferPointer(start), cellMask: UnsafeBufferPointer(cellBits),
                  rowMask: UnsafeBufferPointer(rowBits), blockMask: UnsafeBufferPointer(blockBits),
                  sortedUnit: UnsafeBufferPointer(units), sortedMask: UnsafeBufferPointer(sortedMasks),
                  sortedStation: UnsafeBufferPointer(order), idRank: UnsafeBufferPointer(rank), memory: memory)
    }

    /// Assembles an index from arrays that are already complete: the end of the build, or a
    /// checked snapshot. The data mask and block count follow from the arrays.
    init(stations: StationList, rowCount: Int, columnCount: Int, minLatitude: Double, rowHeight: Double,
         cellStart: UnsafeBufferPointer<UInt32>, cellMask: UnsafeBufferPointer<UInt32>,
         rowMask: UnsafeBufferPointer<UInt32>, blockMask: UnsafeBufferPointer<UInt32>,
         sortedUnit: UnsafeBufferPointer<Float>, sortedMask: UnsafeBufferPointer<UInt32>,
         sortedStation: UnsafeBufferPointer<UInt32>, idRank: UnsafeBufferPointer<UInt32>, memory: IndexMemory) {
        self.stations = stations
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.minLatitude = minLatitude
        self.rowHeight = rowHeight
        columnWidth = Self.columnWidth(columns: columnCount)
        self.cellStart = cellStart
        self.cellMask = cellMask
        self.rowMask = rowMask
        dataMask = rowMask.reduce(0, |)
        self.blockMask = blockMask
        blocksPerRow = Self.blocks(columns: columnCount)
        self.sortedUnit = sortedUnit
        self.sortedMask = sortedMask
        self.sortedStation = sortedStation
        self.idRank = idRank
        self.memory = memory
    }

    /// One expression for build and snapshot alike, so both compute the identical width.
    static func columnWidth(columns: Int) -> Double { 360 / Double(columns) }

    /// Amenity bits 0–23, the kind's bit at 24–26 (a test keeps the vocabulary within 32 bits).
    static func searchMask(_ station: Station) -> UInt32 {
        station.amenities.rawValue | station.kind.maskBit
    }

    static func row(of latitude: Double, south: Double, height: Double, rows: Int) -> Int {
        min(max(Int(((latitude - south) / height).rounded(.down)), 0), rows - 1)
    }

    static func column(of longitude: Double, width: Double, columns: Int) -> Int {
        // Longitude 180 goes into the last column (its east edge), not around to the first.
        min(max(Int(((longitude + 180) / width).rounded(.down)), 0), columns - 1)
    }

    static func cell(row: Int, column: Int, columns: Int) -> Int { row * columns + column }

    /// Number of stations indexed.
    public var count: Int { stations.count }

    /// Bytes held by the grid and the sorted arrays, excluding the station records themselves.
    public var indexBytes: Int {
        cellStart.count * 4 + cellMask.count * 4 + rowMask.count * 4 + blockMask.count * 4
            + sortedUnit.count * 4 + sortedMask.count * 4
            + sortedStation.count * 4 + idRank.count * 4
    }
}
