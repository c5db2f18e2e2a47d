/// Parses the plain decimals registries write for coordinates ("38.863836", "-0.5") without going
/// through `strtod`.
public enum DecimalParsing {
    /// `text` as a Double when it is a plain decimal with at most 15 digits; nil for anything else
    /// (exponents, spaces, "NaN", longer numbers), which the caller hands to `Double(_:)`.
    ///
    /// Exact: with at most 15 digits the digits form an integer below 2^53 and the divisor 10^k
    /// (k ≤ 15) is exact too, so the one IEEE division rounds correctly (Clinger's fast path) and the
    /// answer is bit-for-bit what `Double(_:)` gives.
    public static func fastValue(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes -> Double? in
            var digits: UInt64 = 0, count = 0, fractionDigits = 0
            var seenPoint = false, negative = false
            for position in bytes.indices {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    count += 1
                    guard count <= 15 else { return nil }
                    digits = digits * 10 + UInt64(byte - UInt8(ascii: "0"))
                    if seenPoint { fractionDigits += 1 }
                case UInt8(ascii: "."):
                    guard !seenPoint else { return nil }
                    seenPoint = true
                case UInt8(ascii: "-") where position == 0:
                    negative = true
                case UInt8(ascii: "+") where position == 0:
                    break
                default:
                    return nil
                }
            }
            guard count > 0 else { return nil }
            let magnitude = Double(digits) / powersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
    }

    private static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }
}
