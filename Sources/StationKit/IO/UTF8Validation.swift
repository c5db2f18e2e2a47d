/// Checks that bytes are well-formed UTF-8 without copying them into a `String`, so a large
/// file can be validated in place, piece by piece, on several cores.
enum UTF8Validation {
    /// Whether `bytes` is well-formed UTF-8 (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above U+10FFFF).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var i = 0
        while i < count {
            // ASCII runs, the bulk of any registry, eight bytes at a time.
            while i + 8 <= count && UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < count else { return true }
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            // The allowed range of the second byte depends on the lead; later bytes are plain continuations.
            let length: Int, second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: length = 2; second = 0x80...0xBF
            case 0xE0: length = 3; second = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; second = 0x80...0xBF
            case 0xED: length = 3; second = 0x80...0x9F
            case 0xF0: length = 4; second = 0x90...0xBF
            case 0xF1...0xF3: length = 4; second = 0x80...0xBF
            case 0xF4: length = 4; second = 0x80...0x8F
            default: return false
            }
            guard i + length <= count, second.contains(bytes[i + 1]) else { return false }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
