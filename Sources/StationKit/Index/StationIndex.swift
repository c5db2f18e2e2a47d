import Dispatch
import Foundation

/// A static spatial index of stations: a latitude/longitude grid stored as flat sorted arrays.
///
/// Built once by a counting sort of the stations into cells (CSR layout: a cell is a range of the
/// sorted arrays). Every cell and every row keeps the OR of its stations' amenity and kind bits,
/// so a search for a rare amenity never opens a cell or a row that cannot match. Columns always
/// span the full 360° of longitude, which makes the antimeridian an ordinary wrap-around; rows
/// span only the data's latitudes. Immutable after build, hence safe to share across threads.
public struct StationIndex: Sendable {
    /// The stations, in the order they were given; ``Match/index`` points into this array.
    public let stations: [Station]

    // Grid geometry.
    let rowCount: Int
    let columnCount: Int
    let minLatitude: Double
    let rowHeight: Double
    let columnWidth: Double

    /// `cellStart[c] ..< cellStart[c + 1]` is cell `c`'s range in the sorted arrays (row-major cells).
    let cellStart: [UInt32]
    /// OR of the search masks of each cell's stations.
    let cellMask: [UInt32]
    /// OR of the cell masks of each row.
    let rowMask: [UInt32]
    /// OR of every station's mask: a query nothing can match is answered without searching.
    let dataMask: UInt32
    /// OR of the cell masks of each block of 64 consecutive columns of a row
    /// (`row * blocksPerRow + column / 64`): a rare amenity skips 64 cells at a time.
    let blockMask: [UInt32]
    let blocksPerRow: Int

    // Stations sorted by cell; parallel arrays so the hot loop touches only what it needs.
    /// Unit vectors `x, y, z` (interleaved, 32-bit): the chord between unit vectors ranks exactly
    /// like the great-circle distance and needs no trigonometry. 32 bits put a station within
    /// ~1.3 m, which the search's stopping margin absorbs; final distances come from the records.
    let sortedUnit: [Float]
    let sortedMask: [UInt32]
    /// Position of each sorted entry in ``stations``.
    let sortedStation: [UInt32]
    /// Rank of each station (by position in ``stations``) in id order, for deterministic tie-breaks.
    let idRank: [UInt32]

    /// Builds the index. Stations must have valid coordinates (the readers guarantee it).
    public init(_ stations: [Station]) {
        precondition(stations.count < Int(UInt32.max), "more stations than the index can address")
        precondition(stations.allSatisfy { $0.coordinate.isValid }, "station with an invalid coordinate")
        self.stations = stations
        let count = stations.count

        let latitudes = stations.map(\.coordinate.latitude)
        let south = latitudes.min() ?? 0
        let north = latitudes.max() ?? 0
        let span = max(north - south, 1e-6)
        // About one cell per station over the full circle; clustered data then averages a few
        // stations per occupied cell, which keeps both the cell scan and the heap small.
        let side = (360 * span / Double(max(count, 1))).squareRoot()
        rowCount = min(max(Int((span / side).rounded(.up)), 1), 1 << 15)
        columnCount = min(max(Int((360 / side).rounded(.up)), 1), 1 << 16)
        minLatitude = south
        rowHeight = span / Double(rowCount)
        columnWidth = 360 / Double(columnCount)

        // Counting sort into cells; stable, so stations in a cell keep their input order.
        let cellCount = rowCount * columnCount
        var cellOf = [Int](repeating: 0, count: count)
        var start = [UInt32](repeating: 0, count: cellCount + 1)
        for (i, station) in stations.enumerated() {
            let cell = Self.cell(row: Self.row(of: station.coordinate.latitude, south: south, height: rowHeight, rows: rowCount),
                                 column: Self.column(of: station.coordinate.longitude, width: columnWidth, columns: columnCount),
                                 columns: columnCount)
            cellOf[i] = cell
            start[cell + 1] += 1
        }
        for c in 0..<cellCount { start[c + 1] += start[c] }
        var next = Array(start.dropLast())
        var order = [UInt32](repeating: 0, count: count)
        for i in 0..<count {
            let cell = cellOf[i]
            order[Int(next[cell])] = UInt32(i)
            next[cell] += 1
        }

        let masks = stations.map(Self.searchMask)
        sortedStation = order
        // Three trigonometric calls per station: the costliest part of the build, so on all cores.
        let sortedOrder = order
        sortedUnit = [Float](unsafeUninitializedCapacity: 3 * count) { buffer, initialized in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            let block = 1 << 15
            DispatchQueue.concurrentPerform(iterations: (count + block - 1) / block) { b in
                for position in b * block..<min(count, (b + 1) * block) {
                    let (x, y, z) = stations[Int(sortedOrder[position])].coordinate.unitVector
                    (slots + 3 * position).initialize(to: Float(x))
                    (slots + 3 * position + 1).initialize(to: Float(y))
                    (slots + 3 * position + 2).initialize(to: Float(z))
                }
            }
            initialized = 3 * count
        }
        sortedMask = order.map { masks[Int($0)] }
        cellStart = start

        var cellBits = [UInt32](repeating: 0, count: cellCount)
        var rowBits = [UInt32](repeating: 0, count: rowCount)
        for i in 0..<count {
            cellBits[cellOf[i]] |= masks[i]
            rowBits[cellOf[i] / columnCount] |= masks[i]
        }
        cellMask = cellBits
        rowMask = rowBits
        dataMask = rowBits.reduce(0, |)
        let blocks = (columnCount + 63) / 64
        var blockBits = [UInt32](repeating: 0, count: rowCount * blocks)
        for cell in 0..<cellCount where cellBits[cell] != 0 {
            blockBits[cell / columnCount * blocks + cell % columnCount / 64] |= cellBits[cell]
        }
        blockMask = blockBits
        blocksPerRow = blocks

        var rank = [UInt32](repeating: 0, count: count)
        for (position, i) in stations.indices.sorted(by: { stations[$0].id < stations[$1].id }).enumerated() {
            rank[i] = UInt32(position)
        }
        idRank = rank
    }

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
