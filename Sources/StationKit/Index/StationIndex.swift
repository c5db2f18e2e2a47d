import Dispatch
import Foundation

/// A static spatial index of stations: a latitude/longitude grid of every station
/// (``StationGrid``), plus a smaller grid for each rare amenity or kind (``RareBitLayer``).
///
/// Immutable after build, hence safe to share across threads. The arrays are buffer pointers into
/// memory the build allocated or into a mapped snapshot (``StationSnapshot``), so both run the same
/// search code; ``memory`` keeps either alive. A snapshot holds the main grid only; its rare layers
/// are built on request (``withRareBitLayers(for:)``), in a few milliseconds per million stations.
public struct StationIndex: @unchecked Sendable {
    /// The stations, in the order they were given; ``Match/index`` points into this list.
    public let stations: StationList
    /// Every station.
    let grid: StationGrid
    /// Grids of the stations with one rare bit each, rarest first.
    let layers: [RareBitLayer]
    /// OR of every station's mask: a query nothing can match is answered without searching.
    let dataMask: UInt32
    /// Owner of everything the buffers point into.
    let memory: IndexMemory

    /// Builds the index. Stations must have valid coordinates (the readers guarantee it).
    public init(_ stations: [Station]) {
        precondition(stations.count < Int(Int32.max), "more stations than the index can address")
        precondition(stations.allSatisfy { $0.coordinate.isValid }, "station with an invalid coordinate")
        let count = stations.count
        // Earth-centred points cost four trigonometric calls each: on all cores.
        var entries = [StationGrid.Entry](repeating: StationGrid.Entry(coordinate: Coordinate(latitude: 0, longitude: 0),
                                                                       point: EarthCentred(x: 0, y: 0, z: 0), mask: 0, station: 0),
                                          count: count)
        entries.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            let block = 1 << 15
            DispatchQueue.concurrentPerform(iterations: (count + block - 1) / block) { b in
                for i in b * block..<min(count, (b + 1) * block) {
                    let station = stations[i]
                    slots[i] = StationGrid.Entry(coordinate: station.coordinate, point: station.coordinate.earthCentred,
                                                 mask: Self.searchMask(station), station: UInt32(i))
                }
            }
        }
        let memory = IndexMemory()
        let grid = StationGrid.build(entries, in: memory)
        let layers = entries.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let all = buffer
            return Self.rareBits(count: count) { all[$0].mask }
        }.map { flag in
            RareBitLayer(bit: flag, members: entries.filter { $0.mask & flag != 0 }, in: memory)
        }
        self.init(stations: StationList(stations), grid: grid, layers: layers, memory: memory)
    }

    init(stations: StationList, grid: StationGrid, layers: [RareBitLayer], memory: IndexMemory) {
        self.stations = stations
        self.grid = grid
        self.layers = layers
        dataMask = grid.rowMask.reduce(0, |)
        self.memory = memory
    }

    /// This index with a layer for each rare bit: what a snapshot needs before many queries.
    /// With `filter`, only the layers that filter would search (none when it needs no rare bit).
    public func withRareBitLayers(for filter: StationFilter? = nil) -> StationIndex {
        guard layers.isEmpty else { return self }
        var wanted = UInt32.max
        if let filter {
            wanted = filter.requiredBits | (filter.kindBits.nonzeroBitCount == 1 ? filter.kindBits : 0)
            if wanted == 0 { return self }
        }
        let count = stations.count
        // Which bits get layers follows from the masks alone; the members' coordinates (scattered
        // reads of the records) only for the layers built.
        let entries = grid.entries
        let chosen = Self.rareBits(count: grid.entryCount) { entries[$0].mask }.filter { wanted & $0 != 0 }
        if chosen.isEmpty { return self }
        let layers = chosen.map { flag in
            // A damaged snapshot's station number out of range would be no answer; here, no entry.
            let members = grid.entries.filter { $0.mask & flag != 0 && Int($0.station) < count }.map {
                StationGrid.Entry(coordinate: stations.coordinate(at: Int($0.station)), point: $0.point, mask: $0.mask,
                                  station: $0.station)
            }
            return RareBitLayer(bit: flag, members: members, in: memory)
        }
        return StationIndex(stations: stations, grid: grid, layers: layers, memory: memory)
    }

    /// The bits that get layers, rarest first: held by at most ``RareBitLayer/maxShare`` of the
    /// `count` stations, while all layers together stay within ``RareBitLayer/entryBudget``.
    /// `mask(i)` gives the mask of entry `i`.
    static func rareBits(count: Int, mask: (Int) -> UInt32) -> [UInt32] {
        guard count >= Self.minimumForLayers else { return [] }
        let bitCounts = Self.bitCounts(count: count, mask: mask)
        var budget = Int(RareBitLayer.entryBudget * Double(count))
        var chosen: [UInt32] = []
        let rare = (0..<32).filter { bitCounts[$0] > 0 && Double(bitCounts[$0]) <= RareBitLayer.maxShare * Double(count) }
        for bit in rare.sorted(by: { (bitCounts[$0], $0) < (bitCounts[$1], $1) }) where bitCounts[bit] <= budget {
            budget -= bitCounts[bit]
            chosen.append(UInt32(1) << UInt32(bit))
        }
        return chosen
    }

    /// How many of the `count` masks have each bit, counted on all cores: for a mapped snapshot
    /// this is the first pass over 32 MB of entries, page faults included, and `near --batch`
    /// does it before answering anything.
    static func bitCounts(count: Int, mask: (Int) -> UInt32) -> [Int] {
        let block = 1 << 16
        let blocks = (count + block - 1) / block
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 32 * blocks)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        nonisolated(unsafe) let shared = counts
        withoutActuallyEscaping(mask) { mask in
            nonisolated(unsafe) let mask = mask
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                for i in b * block..<min(count, (b + 1) * block) {
                    var bits = mask(i)
                    while bits != 0 {
                        shared[32 * b + bits.trailingZeroBitCount] += 1
                        bits &= bits - 1
                    }
                }
            }
        }
        return (0..<32).map { bit in (0..<blocks).reduce(0) { $0 + counts[32 * $1 + bit] } }
    }

    /// Below this many stations the main grid is small enough for every query.
    static let minimumForLayers = 1_000

    /// The grid a query with `filter` searches: the smallest layer of a bit the filter requires
    /// (or of its only kind), else the main grid.
    func grid(for filter: StationFilter) -> StationGrid {
        grid(required: filter.requiredBits, kinds: filter.kindBits)
    }

    /// ``grid(for:)`` from the filter's bits (``StationFilter/requiredBits``, ``StationFilter/kindBits``).
    func grid(required: UInt32, kinds: UInt32) -> StationGrid {
        let singleKind = kinds.nonzeroBitCount == 1 ? kinds : 0
        var chosen = -1, smallest = grid.entryCount
        // By position: a loop over the layers themselves copied each one (a grid's worth of fields).
        for i in layers.indices where layers[i].bit & required != 0 || layers[i].bit == singleKind {
            if layers[i].grid.entryCount < smallest { (chosen, smallest) = (i, layers[i].grid.entryCount) }
        }
        return chosen < 0 ? grid : layers[chosen].grid
    }

    /// Amenity bits 0–23, the kind's bit at 24–26 (a test keeps the vocabulary within 32 bits).
    static func searchMask(_ station: Station) -> UInt32 {
        station.amenities.rawValue | station.kind.maskBit
    }

    static func cell(row: Int, column: Int, columns: Int) -> Int { row * columns + column }

    /// Number of stations indexed.
    public var count: Int { stations.count }

    /// Bytes held by the grids and the sorted arrays, excluding the station records themselves.
    public var indexBytes: Int { grid.bytes + layers.reduce(0) { $0 + $1.grid.bytes } }

    // The main grid's geometry and arrays, for the searches that walk it directly.
    var rowCount: Int { grid.rowCount }
    var columnCount: Int { grid.columnCount }
    var minLatitude: Double { grid.minLatitude }
    var rowHeight: Double { grid.rowHeight }
    var columnWidth: Double { grid.columnWidth }
    var cellStart: UnsafeBufferPointer<UInt32> { grid.cellStart }
    var cellMask: UnsafeBufferPointer<UInt32> { grid.cellMask }
    var rowMask: UnsafeBufferPointer<UInt32> { grid.rowMask }
    var entries: UnsafeBufferPointer<GridEntry> { grid.entries }
    var fences: UnsafeBufferPointer<Double> { grid.fences }
    static func row(of latitude: Double, south: Double, height: Double, rows: Int) -> Int {
        StationGrid.row(of: latitude, south: south, height: height, rows: rows)
    }
    static func column(of longitude: Double, width: Double, columns: Int) -> Int {
        StationGrid.column(of: longitude, width: width, columns: columns)
    }
}
