/// Structure checks of a snapshot's arrays: those the search needs run at every open, the rest
/// in `verify`.
///
/// A million stations mean megabytes per check, so each first runs a branch-free pass the
/// compiler turns into vector code (a reduction that only says whether anything is wrong), and
/// looks for the first offending element, for the message, only then.
enum SnapshotInvariants {
    /// The first position where `values` is not a non-decreasing run from `first` to `last`
    /// (the last position for a wrong final value); nil when it is one.
    static func firstDescent<T: FixedWidthInteger & UnsignedInteger>(_ values: UnsafeBufferPointer<T>, from first: UInt64, to last: UInt64) -> Int? {
        guard let head = values.first, let tail = values.last else { return 0 }
        guard UInt64(head) == first else { return 0 }
        var descents: T = 0
        for i in values.indices.dropFirst() {
            // 1 where a value is below its predecessor; OR-ed, so no branch in the loop.
            descents |= values[i] < values[i - 1] ? 1 : 0
        }
        if descents != 0 { return values.indices.dropFirst().first { values[$0] < values[$0 - 1] } }
        return UInt64(tail) == last ? nil : values.count - 1
    }

    /// The first grid entry whose station number is `>= limit`.
    static func firstStation(atOrAbove limit: UInt32, in entries: UnsafeBufferPointer<GridEntry>) -> Int? {
        var largest: UInt32 = 0
        for entry in entries { largest = max(largest, entry.station) }
        guard !entries.isEmpty, largest >= limit else { return nil }
        return entries.firstIndex { $0.station >= limit }
    }

    /// The first station-info word with an unknown kind (3), datum (3) or bit.
    static func firstInvalidInfo(_ words: UnsafeBufferPointer<UInt32>) -> Int? {
        // Hoisted: a static read inside the loop costs a lazy-initialisation check per word.
        let unused = StationInfo.unusedBits
        var bad: UInt32 = 0
        for word in words {
            // Kind and datum are 2-bit codes 0...2: both bits set is the one bad value.
            bad |= (word & unused) | (word >> 24 & word >> 25 & 1) | (word >> 26 & word >> 27 & 1)
        }
        guard bad != 0 else { return nil }
        return words.firstIndex { !StationInfo(rawValue: $0).isValid }
    }

    /// The first station whose latitude or longitude is out of range or not a number.
    static func firstInvalidCoordinate(_ coordinates: UnsafeBufferPointer<Double>) -> Int? {
        // On the bit patterns without the sign, |x| ≤ limit is an unsigned comparison, and NaN
        // and infinity (all-ones exponent) compare above any finite limit.
        // A (latitude, longitude) pair is one two-lane vector, so the loop is vector code as written.
        let magnitude = SIMD2<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        var largest = SIMD2<UInt64>(repeating: 0)
        if let base = coordinates.baseAddress {
            let pairs = UnsafeRawPointer(base)
            for station in 0..<coordinates.count / 2 {
                largest = pointwiseMax(largest, pairs.loadUnaligned(fromByteOffset: 16 * station, as: SIMD2<UInt64>.self) & magnitude)
            }
        }
        guard largest[0] > Double(90).bitPattern || largest[1] > Double(180).bitPattern else { return nil }
        return (0..<coordinates.count / 2).first { station in
            !(abs(coordinates[2 * station]) <= 90 && abs(coordinates[2 * station + 1]) <= 180)
        }
    }
}
