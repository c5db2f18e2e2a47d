import Dispatch

extension LoadResult {
    /// An error for every record whose id an earlier record of the file already used.
    ///
    /// Ids are hashed on every core, then a single pass keys a table by the hash alone (cheap
    /// integer keys); only when two different ids share a hash does a second, string-keyed table
    /// decide.
    func duplicateIDs(file: String) -> [RecordError] {
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
            duplicates.append(RecordError(file: file, location: origins[i].location, field: "id", value: stations[i].id,
                                          message: "duplicate id, first used on \(origins[first].location)"))
        }
        return duplicates
    }

    /// Drops the records `duplicates` point at and adds the errors, keeping the report in file
    /// order, as a reader going record by record would give it.
    mutating func remove(_ duplicates: [RecordError]) {
        guard !duplicates.isEmpty else { return }
        let dropped = Set(duplicates.map(\.location))
        let kept = zip(stations, origins).filter { !dropped.contains($0.1.location) }
        stations = kept.map(\.0)
        origins = kept.map(\.1)
        errors = (errors + duplicates).enumerated().sorted {
            ($0.element.location.ordinal, $0.offset) < ($1.element.location.ordinal, $1.offset)
        }.map(\.element)
    }
}

extension RecordLocation {
    /// The line or feature number, to sort by.
    var ordinal: Int {
        switch self {
        case .line(let line): line
        case .feature(let index): index
        }
    }
}
