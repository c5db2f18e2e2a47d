/// A JSON value with ordered object members, so output is byte-for-byte deterministic and keys
/// appear in the documented order (Foundation's serializer offers only sorted or unordered keys).
public indirect enum JSONValue: Equatable, Sendable {
    case string(String)
    /// A number printed with at most `places` decimals, trailing zeros trimmed.
    case number(Double, places: Int)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }

    /// Compact JSON text: no spaces, non-ASCII characters written as themselves (UTF-8).
    public func rendered() -> String {
        String(decoding: renderedBytes(), as: UTF8.self)
    }

    /// ``rendered()`` as UTF-8 bytes, built without intermediate strings (the HTTP API's answers).
    public func renderedBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out)
        return out
    }

    /// Appends the compact JSON text to `out`.
    public func write(to out: inout String) {
        out += rendered()
    }

    /// Appends the compact JSON text to `out` as UTF-8 bytes: one growing buffer, numbers and
    /// strings written straight into it (a `String` append per token cost a quarter of a served
    /// request's time).
    public func write(to out: inout [UInt8]) {
        switch self {
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .number(let value, let places): JSONValue.appendNumber(value, places: places, to: &out)
        case .integer(let value): out.append(contentsOf: String(value).utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `value` with at most `places` decimals and no trailing zeros; non-finite values become null.
    public static func formatNumber(_ value: Double, places: Int) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, places: places, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``formatNumber(_:places:)``'s text as UTF-8 bytes.
    public static func appendNumber(_ value: Double, places: Int, to out: inout [UInt8]) {
        guard value.isFinite else { out.append(contentsOf: "null".utf8); return }
        // Same rounding as `formatDecimal` (scale, round half away from zero), written straight into
        // bytes: exporters format two coordinates per station, millions of times.
        let scaled = places >= 0 && places <= 9 ? (abs(value) * powersOfTen[places]).rounded() : .infinity
        guard scaled < 1e18 else { out.append(contentsOf: trimmedDecimal(value, places: places).utf8); return }
        var units = UInt64(scaled)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            // Digits from the right: the fraction without its trailing zeros, a point, the integer part.
            var end = 32, place = 0
            var trimming = true
            while place < places {
                let digit = UInt8(units % 10)
                units /= 10
                place += 1
                if trimming && digit == 0 { continue }
                trimming = false
                end -= 1
                buffer[end] = UInt8(ascii: "0") + digit
            }
            if !trimming { end -= 1; buffer[end] = UInt8(ascii: ".") }
            repeat {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(units % 10)
                units /= 10
            } while units > 0
            if value < 0 && scaled != 0 { end -= 1; buffer[end] = UInt8(ascii: "-") }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[end...]))
        }
    }

    private static let powersOfTen: [Double] = (0...9).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    /// The general path of ``formatNumber(_:places:)``.
    static func trimmedDecimal(_ value: Double, places: Int) -> String {
        var text = formatDecimal(value, places: places)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Appends `text` as a JSON string literal.
    public static func writeString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        writeString(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, in UTF-8 bytes. Non-ASCII characters are written as
    /// themselves; quotes, backslashes and control characters are escaped.
    public static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        writeEscaped(text, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the inside of a JSON string literal for `text` (no surrounding quotes), so one string
    /// can be built from several pieces.
    public static func writeEscaped(_ text: String, to out: inout [UInt8]) {
        // Most values (names, addresses, ids) need no escape and are copied whole, through a pointer:
        // the generic `utf8` view costs several times more per byte on million-station exports.
        var text = text
        let copied = text.withUTF8 { bytes in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied { return }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
    }
}
