import Dispatch

extension LoadResult {
    /// Builds stations on all cores. Piece `i` may initialise stations, and their origins, in the
    /// slots from `slotStarts[i]` up to the next piece's start, and returns how many it wrote; the
    /// pieces are then joined in order by moving records down over unused slots, so no station is
    /// copied or reference-counted twice. Both readers parse this way.
    static func gathering(slotStarts: [Int], capacity: Int,
                          _ fill: @Sendable (Int, UnsafeMutablePointer<Station>, UnsafeMutablePointer<RecordOrigin>) -> Int)
        -> LoadResult {
        guard capacity > 0 else { return LoadResult() }
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: slotStarts.count)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        nonisolated(unsafe) let sharedCounts = counts
        var result = LoadResult()
        result.origins = [RecordOrigin](unsafeUninitializedCapacity: capacity) { origins, originCount in
            result.stations = [Station](unsafeUninitializedCapacity: capacity) { stations, stationCount in
                nonisolated(unsafe) let stationSlots = stations.baseAddress!, originSlots = origins.baseAddress!
                DispatchQueue.concurrentPerform(iterations: slotStarts.count) { piece in
                    sharedCounts[piece] = fill(piece, stationSlots + slotStarts[piece], originSlots + slotStarts[piece])
                }
                var kept = 0
                for (piece, start) in slotStarts.enumerated() {
                    if kept != start {
                        (stationSlots + kept).moveInitialize(from: stationSlots + start, count: counts[piece])
                        (originSlots + kept).moveInitialize(from: originSlots + start, count: counts[piece])
                    }
                    kept += counts[piece]
                }
                stationCount = kept
                originCount = kept
            }
        }
        return result
    }

    /// An error for every record whose id an earlier record already used, in this file or an
    /// earlier one.
    ///
    /// Ids are hashed on every core, then a single pass keys a table by the hash alone (cheap
    /// integer keys); only when two different ids share a hash does a second, string-keyed table
    /// decide.
    func duplicateIDs() -> [RecordError] {
        let hashes = [Int](unsafeUninitializedCapacity: stations.count) { buffer, count in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            let block = 1 << 14
            DispatchQueue.concurrentPerform(iterations: (stations.count + block - 1) / block) { b in
                for i in b * block..<min(stations.count, (b + 1) * block) { (slots + i).initialize(to: stations[i].id.hashValue) }
            }
            count = stations.count
        }
        var firstByHash: [Int: Int] = [:]
        firstByHash.reserveCapacity(stations.count)
        var firstByID: [String: Int] = [:]  // ids whose hash an earlier, different id already holds
        var duplicates: [RecordError] = []
        for i in stations.indices {
            let first: Int
            if let holder = firstByHash[hashes[i]] {
                if stations[holder].id == stations[i].id {
                    first = holder
                } else if let earlier = firstByID[stations[i].id] {
                    first = earlier
                } else {
                    firstByID[stations[i].id] = i
                    continue
                }
            } else {
                firstByHash[hashes[i]] = i
                continue
            }
            let (here, there) = (origins[i], origins[first])
            duplicates.append(RecordError(file: here.file, location: here.location, field: "id", value: stations[i].id,
                                          message: here.file == there.file ? "duplicate id, first used on \(there.location)"
                                                                           : "duplicate id, first used in \(there)"))
        }
        return duplicates
    }

    /// Drops the records `duplicates` point at and adds the errors, keeping the report in file
    /// order (files as loaded, then lines or features), as a reader going record by record would.
    mutating func remove(_ duplicates: [RecordError]) {
        guard !duplicates.isEmpty else { return }
        let dropped = Set(duplicates.map { RecordOrigin(file: $0.file, location: $0.location) })
        let kept = zip(stations, origins).filter { !dropped.contains($0.1) }
        stations = kept.map(\.0)
        origins = kept.map(\.1)
        var fileRank: [String: Int] = [:]
        var previous: String?
        // Records of one file are contiguous, so only a change of file needs the table.
        for file in [origins.lazy.map(\.file), errors.lazy.map(\.file)].joined() where file != previous {
            previous = file
            if fileRank[file] == nil { fileRank[file] = fileRank.count }
        }
        errors = (errors + duplicates).enumerated().sorted {
            (fileRank[$0.element.file]!, $0.element.location.ordinal, $0.offset)
                < (fileRank[$1.element.file]!, $1.element.location.ordinal, $1.offset)
        }.map(\.element)
    }
}

extension RecordLocation {
    /// The line or feature number, to sort by.
    public var ordinal: Int {
        switch self {
        case .line(let line): line
        case .feature(let index): index
        }
    }
}
