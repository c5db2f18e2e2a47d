/// The 64-bit checksum of snapshot headers and sections (docs/SNAPSHOT.md gives the definition).
///
/// Verifying a million-station snapshot hashes about 150 MB, so it must run at gigabytes per
/// second: it consumes 8-byte little-endian words, in four independent lanes so that the
/// multiplications of consecutive words overlap in the processor. Each step,
/// `lane = rotl((lane ^ word) · P1, 29)`, is a bijection of the word for a given lane state and of
/// the state for a given word, so changing any single word (any byte flip, any run of flips within
/// 8 aligned bytes) always changes the result. It is a checksum against damage, not a defence
/// against someone forging a file.
enum SnapshotChecksum {
    static let p1: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let p2: UInt64 = 0xBF58_476D_1CE4_E5B9
    static let p3: UInt64 = 0x94D0_49BB_1331_11EB

    /// The checksum of `bytes`.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lane0 = p1, lane1 = p2, lane2 = p3, lane3 = p1 ^ p2
        let count = bytes.count
        var offset = 0
        if let base = bytes.baseAddress {
            // Whole 32-byte stripes straight from memory.
            while offset + 32 <= count {
                lane0 = step(lane0, word(base, offset))
                lane1 = step(lane1, word(base, offset + 8))
                lane2 = step(lane2, word(base, offset + 16))
                lane3 = step(lane3, word(base, offset + 24))
                offset += 32
            }
            // The last partial stripe, zero-padded to 32 bytes (the length, mixed in below, tells
            // padding from real zeros).
            if offset < count {
                var tail: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset...])) }
                lane0 = step(lane0, UInt64(littleEndian: tail.0))
                lane1 = step(lane1, UInt64(littleEndian: tail.1))
                lane2 = step(lane2, UInt64(littleEndian: tail.2))
                lane3 = step(lane3, UInt64(littleEndian: tail.3))
            }
        }
        var result = UInt64(count)
        for lane in [lane0, lane1, lane2, lane3] {
            result = rotate((result ^ finish(lane)) &* p2, 27)
        }
        return finish(result)
    }

    @inline(__always)
    private static func word(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func step(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        rotate((lane ^ word) &* p1, 29)
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }

    /// Spreads every bit of `value` over the whole word (xor-shift-multiply; a bijection).
    @inline(__always)
    private static func finish(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 30
        x = x &* p2
        x ^= x >> 27
        x = x &* p3
        x ^= x >> 31
        return x
    }
}
