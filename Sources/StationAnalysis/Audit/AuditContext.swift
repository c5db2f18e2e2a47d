import Dispatch
import StationKit

/// What every rule reads: the records as written, the stations that survived validation, an index
/// over them and the province each one lies in. Immutable and shareable across threads.
public struct AuditData: Sendable {
    /// The input files, in the order given.
    public let files: [String]
    /// Every record as written, in file order.
    public let sources: [SourceRecord]
    /// For each source record, its position in ``stations``; nil when the readers rejected it.
    public let stationOfSource: [Int?]
    /// For each station, its source record.
    public let sourceOfStation: [Int]
    /// The reader's own complaints, one per bad field.
    public let readerErrors: [RecordError]
    /// The valid stations (WGS84), and a grid index over them.
    public let stations: [Station]
    public let index: StationIndex
    /// The provinces of the boundary file, and for each station the one it lies in (-1: none).
    public let provinces: [Province]
    public let locatedProvince: [Int32]
    /// For each station, the province its `province` field names (-1: empty or unknown).
    let declaredProvince: [Int32]
    /// For each station, the other stations within 50 m, nearest first.
    let neighbours: [[Neighbour]]
    /// Records whose structure the reader rejected (a CSV row with the wrong number of fields).
    let brokenRecords: Set<RecordOrigin>


    /// Whether source record `index` is too broken for field-by-field rules.
    func isBroken(source index: Int) -> Bool { !brokenRecords.isEmpty && brokenRecords.contains(sources[index].origin) }

    /// The station of source record `index`, if it has one.
    public func station(ofSource index: Int) -> Station? { stationOfSource[index].map { stations[$0] } }

    /// The province station `index`'s record names, when it names a known one.
    public func declaredProvince(ofStation index: Int) -> Province? {
        let position = declaredProvince[index]
        return position < 0 ? nil : provinces[Int(position)]
    }

    /// The province station `index` lies in.
    public func province(ofStation index: Int) -> Province? {
        let position = locatedProvince[index]
        return position < 0 ? nil : provinces[Int(position)]
    }
}

/// The audit's input plus the GEOS boundaries, which only the thread that runs the rules may use.
public final class AuditContext {
    public let data: AuditData
    public let boundaries: ProvinceBoundaries

    private var provincesByName: [String: Province?] = [:]

    init(data: AuditData, boundaries: ProvinceBoundaries) {
        self.data = data
        self.boundaries = boundaries
    }

    /// The province a `province` field names, nil when empty or unknown; cached, because registries
    /// repeat a few dozen spellings a million times.
    public func declaredProvince(_ name: String) -> Province? {
        if let known = provincesByName[name] { return known }
        let province = name.isEmpty ? nil : boundaries.province(named: name)
        provincesByName[name] = province
        return province
    }
}

/// Runs `body` for every index on all cores, in blocks, and returns what it appended in index order.
func parallelFindings(count: Int, _ body: @Sendable (Int, inout [AuditFinding]) -> Void) -> [AuditFinding] {
    let block = 4096
    let blocks = (count + block - 1) / block
    guard blocks > 0 else { return [] }
    let parts = UnsafeMutableBufferPointer<[AuditFinding]>.allocate(capacity: blocks)
    parts.initialize(repeating: [])
    defer { parts.deinitialize(); parts.deallocate() }
    nonisolated(unsafe) let shared = parts
    DispatchQueue.concurrentPerform(iterations: blocks) { b in
        var found: [AuditFinding] = []
        for index in b * block..<min(count, (b + 1) * block) { body(index, &found) }
        shared[b] = found
    }
    return Array(parts.joined())
}

/// `f(i)` for every index on all cores.
func parallelMap<T: Sendable>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        nonisolated(unsafe) let slots = buffer.baseAddress
        let block = 4096
        DispatchQueue.concurrentPerform(iterations: (count + block - 1) / block) { b in
            for i in b * block..<min(count, (b + 1) * block) { (slots! + i).initialize(to: transform(i)) }
        }
        initialized = count
    }
}
