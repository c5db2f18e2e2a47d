#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON value as parsed from bytes: small enough to build one per feature, and keeping each
/// number's text so messages can quote it as the user wrote it.
enum JSONNode: Sendable {
    case null
    case bool(Bool)
    case number(Double, text: String)
    case string(String)
    case array([JSONNode])
    /// Members in file order (features have a handful; a linear lookup beats hashing).
    case object([(key: String, value: JSONNode)])

    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value  // JSON's usual rule: the last duplicate wins
    }

    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The value as a user would recognise it in their file: strings bare, numbers as written,
    /// arrays and objects as compact JSON.
    var described: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(_, let text): text
        case .string(let text): text
        case .array, .object: compactJSON
        }
    }

    var compactJSON: String {
        switch self {
        case .string(let text):
            var bytes: [UInt8] = []
            JSONValue.writeString(text, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        case .array(let items): return "[" + items.map(\.compactJSON).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { JSONNode.string($0.key).compactJSON + ":" + $0.value.compactJSON }.joined(separator: ",") + "}"
        default: return described
        }
    }
}

/// Where and why bytes are not valid JSON.
struct JSONSyntaxError: Error, Sendable {
    /// Byte offset into the parsed buffer.
    var offset: Int
    var message: String
}

/// A strict RFC 8259 parser over UTF-8 bytes (already checked to be UTF-8), written for
/// million-feature files: no Foundation objects, and a structural skip that finds where each
/// element of a large array ends without building it, so elements can be parsed in parallel.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    /// Added to offsets in errors, when `bytes` is a slice of a larger buffer.
    let base: Int
    /// Arrays and objects open around the value being parsed.
    private var depth = 0

    /// The deepest nesting of arrays and objects accepted. ``value()`` recurses once per level, so
    /// without a limit a file of a million `[` overflows the stack; a station feature needs 3 levels
    /// and a route 5, so 512 refuses only what no tool writes, with a message instead of a crash.
    static let maxDepth = 512

    init(_ bytes: UnsafeBufferPointer<UInt8>, base: Int = 0) {
        self.bytes = bytes
        position = 0
        self.base = base
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: base + (offset ?? position), message: message)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// The next non-blank byte, not consumed; nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxError) {
        guard peek() == byte else { throw error(position < bytes.count ? "expected \(what)" : "unexpected end of the text; expected \(what)") }
        position += 1
    }

    /// Enters an array or object at `position`, refusing nesting beyond ``maxDepth``.
    private mutating func enter() throws(JSONSyntaxError) {
        guard depth < Self.maxDepth else { throw tooDeep(at: position) }
        depth += 1
    }

    private func tooDeep(at offset: Int) -> JSONSyntaxError {
        error("arrays and objects nested more than \(Self.maxDepth) deep; no GeoJSON needs that many, so the file is damaged or not GeoJSON", at: offset)
    }

    /// Parses one complete value.
    mutating func value() throws(JSONSyntaxError) -> JSONNode {
        guard let byte = peek() else { throw error("unexpected end of the text; expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            try enter()
            defer { depth -= 1 }
            position += 1
            var members: [(key: String, value: JSONNode)] = []
            if peek() == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
                let key = try string()
                try expect(UInt8(ascii: ":"), "':' after a member name")
                members.append((key, try value()))
                guard let next = peek() else { throw error("unexpected end of the text inside an object") }
                position += 1
                if next == UInt8(ascii: "}") { return .object(members) }
                guard next == UInt8(ascii: ",") else { throw error("expected ',' or '}' in an object", at: position - 1) }
            }
        case UInt8(ascii: "["):
            try enter()
            defer { depth -= 1 }
            position += 1
            var items: [JSONNode] = []
            if peek() == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                items.append(try value())
                guard let next = peek() else { throw error("unexpected end of the text inside an array") }
                position += 1
                if next == UInt8(ascii: "]") { return .array(items) }
                guard next == UInt8(ascii: ",") else { throw error("expected ',' or ']' in an array", at: position - 1) }
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        default:
            throw error("unexpected character '\(Unicode.Scalar(byte))'")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
              UnsafeBufferPointer(rebasing: bytes[position..<position + count]).elementsEqual(
                  UnsafeBufferPointer(start: word.utf8Start, count: count)) else {
            throw error("expected \(word)")
        }
        position += count
    }

    /// A number by RFC 8259's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(JSONSyntaxError) -> JSONNode {
        let start = position
        func digits() -> Int {
            let first = position
            while position < bytes.count && bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9") { position += 1 }
            return position - first
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0 else { throw error("a number needs digits", at: start) }
        if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") { throw error("a number cannot start with 0", at: start) }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw error("a number needs digits after '.'", at: start) }
        }
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else { throw error("a number needs digits in its exponent", at: start) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = DecimalParsing.fastValue(text) ?? Double(text) else { throw error("number out of range", at: start) }
        return .number(value, text: text)
    }

    /// A string; `position` is at its opening quote.
    mutating func string() throws(JSONSyntaxError) -> String {
        let open = position
        position += 1
        let start = position
        // Plain strings (no escapes), nearly all of them, are decoded in one go.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("a control character inside a string must be escaped") }
            position += 1
        }
        var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw error("a lone UTF-16 surrogate in a \\u escape")
                        }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("a lone UTF-16 surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("a lone UTF-16 surrogate in a \\u escape")
                    }
                    decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    throw error("unknown escape '\\\(Unicode.Scalar(escape))'", at: position - 2)
                }
            default:
                if byte < 0x20 { throw error("a control character inside a string must be escaped") }
                decoded.append(byte)
                position += 1
            }
        }
        throw error("a string is never closed", at: open)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value * 16 + UInt32(digit)
            position += 1
        }
        return value
    }

    /// The offset of the quote that closes the string opened at `open` (or `bytes.count`): memchr
    /// to each candidate quote, which is real unless an odd run of backslashes precedes it.
    func closingQuote(after open: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var from = open + 1
        while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from) {
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while quote - backslashes - 1 > open && bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote }
            from = quote + 1
        }
        return bytes.count
    }

    /// Moves past one value without building it, checking only its nesting and strings; the
    /// element is parsed (and fully checked) later, on whichever core gets it.
    mutating func skipValue() throws(JSONSyntaxError) {
        guard let first = peek() else { throw error("unexpected end of the text; expected a value") }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            _ = try value()
            return
        }
        let start = position
        var closers: [UInt8] = []  // the bracket each open one expects, innermost last
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                // The same limit as value(), so the element fails here, where its offset is known,
                // rather than later on a worker.
                guard depth + closers.count < Self.maxDepth else { throw tooDeep(at: position) }
                closers.append(byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard closers.last == byte else {
                    throw error("'\(Unicode.Scalar(byte))' where '\(Unicode.Scalar(closers.last!))' should close")
                }
                closers.removeLast()
                if closers.isEmpty { position += 1; return }
            case UInt8(ascii: "\""):
                position = closingQuote(after: position)
            default: break
            }
            position += 1
        }
        throw error("unexpected end of the text inside this value", at: start)
    }
}
