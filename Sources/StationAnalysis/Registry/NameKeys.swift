import Dispatch
import StationKit

/// The name keys (``DuplicateNearbyRule/nameKey(_:)``) of two sets of stations, computed once per
/// record and spelled as small integers: each distinct `Character` of either set gets one number,
/// so two keys are equal exactly when their number sequences are, and hashing a key (or a key
/// with one letter left out) is a few multiplications instead of Unicode work per comparison.
struct NameKeys: Sendable {
    /// Every key's letters one after another; record `i`'s are `letters[starts[i]..<starts[i + 1]]`.
    let letters: [UInt32]
    let starts: [Int]

    var count: Int { starts.count - 1 }
    func length(_ record: Int) -> Int { starts[record + 1] - starts[record] }
    func key(_ record: Int) -> ArraySlice<UInt32> { letters[starts[record]..<starts[record + 1]] }

    /// Whether record `a` of `self` and record `b` of `other` have the same key.
    func sameKey(_ a: Int, as b: Int, in other: NameKeys) -> Bool {
        length(a) == other.length(b) && key(a) == other.key(b)
    }

    /// The keys of `first` and `second` over one shared alphabet; computed on all cores.
    static func shared(_ first: [Station], _ second: [Station]) -> (NameKeys, NameKeys) {
        let names = first.map(\.name) + second.map(\.name)
        let chunk = 8_192, chunks = (names.count + chunk - 1) / chunk
        // Each chunk spells its keys with its own alphabet first (no shared dictionary to lock) …
        let parts = UnsafeMutableBufferPointer<(letters: [UInt32], lengths: [Int], alphabet: [Character])>.allocate(capacity: max(chunks, 1))
        parts.initialize(repeating: ([], [], []))
        defer { parts.deinitialize(); parts.deallocate() }
        nonisolated(unsafe) let shared = parts
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            var alphabet: [Character: UInt32] = [:], ordered: [Character] = []
            var letters: [UInt32] = [], lengths: [Int] = []
            for index in part * chunk..<min(names.count, (part + 1) * chunk) {
                let key = DuplicateNearbyRule.nameKey(names[index])
                for letter in key {
                    if let number = alphabet[letter] {
                        letters.append(number)
                    } else {
                        ordered.append(letter)
                        let number = UInt32(ordered.count - 1)
                        alphabet[letter] = number
                        letters.append(number)
                    }
                }
                lengths.append(key.count)
            }
            shared[part] = (letters, lengths, ordered)
        }
        // … then the chunks' alphabets are merged, in chunk order, into one numbering from 1.
        var alphabet: [Character: UInt32] = [:]
        var translations: [[UInt32]] = []
        for part in 0..<chunks {
            translations.append(parts[part].alphabet.map { letter in
                if let number = alphabet[letter] { return number }
                let number = UInt32(alphabet.count + 1)
                alphabet[letter] = number
                return number
            })
        }
        var letters: [UInt32] = [], starts: [Int] = [0]
        letters.reserveCapacity(parts.reduce(0) { $0 + $1.letters.count })
        starts.reserveCapacity(names.count + 1)
        for part in 0..<chunks {
            let translation = translations[part]
            letters.append(contentsOf: parts[part].letters.lazy.map { translation[Int($0)] })
            for length in parts[part].lengths { starts.append(starts[starts.count - 1] + length) }
        }
        let split = first.count
        let firstKeys = NameKeys(letters: Array(letters[0..<starts[split]]), starts: Array(starts[0...split]))
        let secondStarts = starts[split...].map { $0 - starts[split] }
        return (firstKeys, NameKeys(letters: Array(letters[starts[split]...]), starts: secondStarts))
    }

    /// Hashes of record `record`'s key and, when the key is long enough for a near match (4 letters;
    /// shorter keys match only when equal), of the key with each one letter left out; appended to
    /// `hashes`. Two keys one edit apart always share one of these: a substitution leaves both
    /// equal once the changed letter is left out, an insertion leaves the shorter key itself.
    func variantHashes(_ record: Int, into hashes: inout [UInt64], prefixes: inout [UInt64]) {
        let start = starts[record], end = starts[record + 1], n = end - start
        guard n > 0 else { return }
        // prefixes[i]: the polynomial hash of the first i letters.
        prefixes.removeAll(keepingCapacity: true)
        prefixes.append(0)
        for position in start..<end { prefixes.append(prefixes[prefixes.count - 1] &* Self.base &+ UInt64(letters[position])) }
        hashes.append(Self.finish(prefixes[n], length: n))
        guard n >= 4 else { return }
        // Walk back from the last letter, keeping the hash of the letters after the one left out.
        var suffix: UInt64 = 0, power: UInt64 = 1
        for left in stride(from: n - 1, through: 0, by: -1) {
            // Leaving out either of two equal neighbours gives the same key; hash it once.
            if left == n - 1 || letters[start + left] != letters[start + left + 1] {
                hashes.append(Self.finish(prefixes[left] &* power &+ suffix, length: n - 1))
            }
            suffix = suffix &+ UInt64(letters[start + left]) &* power
            power = power &* Self.base
        }
    }

    private static let base: UInt64 = 0x100_0000_01B3
    /// The length mixed in and the bits spread (SplitMix64's finaliser), so the top bits can pick a bucket.
    private static func finish(_ hash: UInt64, length: Int) -> UInt64 {
        var z = hash ^ (UInt64(length) &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
