import StationKit

/// Records of one set found by name rather than by place: every record with a non-empty key is
/// filed under the hashes of ``NameKeys/variantHashes(_:into:prefixes:)``, so a query looks up its
/// own variants and meets every record whose key is equal or one edit from its own (and the odd
/// hash collision), never the thousands of differently named stations around it in a city. Within
/// one hash, records are in latitude order, so a name shared across the country (`工会驿站`) costs
/// only the few records in the query's band of latitude.
struct SimilarNameIndex: Sendable {
    /// One filing: a variant hash, the record's latitude (rounded to `Float`; the band allows for
    /// it) and the record. Sorted by hash, then latitude, then record.
    struct Filing: Sendable {
        var hash: UInt64
        var latitude: Float
        var record: Int32
    }

    let filings: [Filing]
    /// `filings[buckets[b]..<buckets[b + 1]]` hold the hashes whose top `bucketBits` bits are `b`.
    let buckets: [Int32]
    let bucketBits: Int

    init(keys: NameKeys, coordinates: [Coordinate]) {
        var hashes: [UInt64] = [], prefixes: [UInt64] = []
        // First pass: how many filings, to size the buckets (about two filings each).
        var total = 0
        for record in 0..<keys.count {
            hashes.removeAll(keepingCapacity: true)
            keys.variantHashes(record, into: &hashes, prefixes: &prefixes)
            total += hashes.count
        }
        let bits = max(4, min(30, Int.bitWidth - max(total, 1).leadingZeroBitCount - 1))
        bucketBits = bits
        let shift = UInt64(64 - bits)
        var counts = [Int32](repeating: 0, count: (1 << bits) + 1)
        for record in 0..<keys.count {
            hashes.removeAll(keepingCapacity: true)
            keys.variantHashes(record, into: &hashes, prefixes: &prefixes)
            for hash in hashes { counts[Int(hash >> shift) + 1] += 1 }
        }
        for bucket in 1..<counts.count { counts[bucket] += counts[bucket - 1] }
        buckets = counts
        // Second pass: each filing straight into its bucket.
        var next = counts
        var filings = [Filing](repeating: Filing(hash: 0, latitude: 0, record: 0), count: total)
        for record in 0..<keys.count {
            hashes.removeAll(keepingCapacity: true)
            keys.variantHashes(record, into: &hashes, prefixes: &prefixes)
            let latitude = Float(coordinates[record].latitude)
            for hash in hashes {
                let bucket = Int(hash >> shift)
                filings[Int(next[bucket])] = Filing(hash: hash, latitude: latitude, record: Int32(record))
                next[bucket] += 1
            }
        }
        // Buckets hold a few filings each, but one name shared by many records fills one bucket.
        filings.withUnsafeMutableBufferPointer { all in
            for bucket in 0..<(1 << bits) {
                let low = Int(counts[bucket]), high = Int(counts[bucket + 1])
                guard high - low > 1 else { continue }
                var slice = UnsafeMutableBufferPointer(rebasing: all[low..<high])
                slice.sort {
                    ($0.hash, $0.latitude, $0.record) < ($1.hash, $1.latitude, $1.record)
                }
            }
        }
        self.filings = filings
    }

    /// Calls `visit` with every record filed under `hash` whose latitude lies in `latitudes`.
    func visit(_ hash: UInt64, latitudes: ClosedRange<Double>, _ visit: (Int) -> Void) {
        let bucket = Int(hash >> UInt64(64 - bucketBits))
        var low = Int(buckets[bucket]), high = Int(buckets[bucket + 1])
        let south = Float(latitudes.lowerBound)
        // The first filing at or after (hash, south).
        while low < high {
            let middle = (low + high) / 2
            let filing = filings[middle]
            if filing.hash < hash || (filing.hash == hash && filing.latitude < south) { low = middle + 1 } else { high = middle }
        }
        let north = Float(latitudes.upperBound)
        var position = low
        let end = Int(buckets[bucket + 1])
        while position < end {
            let filing = filings[position]
            guard filing.hash == hash, filing.latitude <= north else { return }
            visit(Int(filing.record))
            position += 1
        }
    }
}
