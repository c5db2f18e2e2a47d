extension OpeningHours {
    /// True when ``text`` is strict OSM syntax (no ``leniencies``).
    public var isStrict: Bool { fixes.isEmpty }

    /// Every place where ``text`` departs from strict OSM syntax in a way parsing accepted, in
    /// text order, each of kind ``OpeningHoursError/Kind/nonStandard`` with a message saying what
    /// to write instead.
    public var leniencies: [OpeningHoursError] {
        let utf8 = Array(text.utf8)
        return orderedFixes.map { fix in
            OpeningHoursError(kind: .nonStandard, position: OpeningHours.characterOffset(ofByte: fix.start, in: text),
                              message: OpeningHours.message(for: fix, in: utf8))
        }
    }

    /// ``text`` in strict OSM syntax: every leniency replaced by its standard spelling. Equal to
    /// ``text`` when ``isStrict``; it parses to the same rules.
    public var normalized: String {
        if fixes.isEmpty { return text }
        let utf8 = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + 8)
        var copied = 0
        for fix in orderedFixes {
            result += utf8[copied..<fix.start]
            result += fix.replacement.utf8
            copied = fix.end
        }
        result += utf8[copied...]
        return String(decoding: result, as: UTF8.self)
    }

    /// What an audit reports for a registry value: the parse error if it cannot be read, else its
    /// ``leniencies``; empty for strict OSM syntax.
    public static func strictProblems(_ text: String) -> [OpeningHoursError] {
        switch parse(text) {
        case .success(let hours): hours.leniencies
        case .failure(let error): [error]
        }
    }

    /// Fixes in text order (an insertion before a replacement at the same place).
    private var orderedFixes: [Fix] {
        fixes.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    private static func message(for fix: Fix, in utf8: [UInt8]) -> String {
        let found = String(decoding: utf8[fix.start..<fix.end], as: UTF8.self)
        switch fix.kind {
        case .spacing:
            let place = fix.start == 0 ? "at the start"
                : fix.end == utf8.count ? "at the end"
                : "before '\(word(at: fix.end, in: utf8))'"
            if fix.replacement.isEmpty { return "remove the space \(place)" }
            return found.isEmpty ? "add a space \(place)" : "write one plain space \(place)"
        case .hourDigits:
            let time = timeText(at: fix.start, in: utf8)
            return "write hours with two digits: '0\(time)' instead of '\(time)'"
        case .dayDigits:
            let day = String(decoding: utf8[fix.start...].prefix { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
            return "write days with two digits: '0\(day)' instead of '\(day)'"
        case .colon, .dash, .punctuation, .quotes:
            let code = found.unicodeScalars.first.map { " (U+" + String($0.value, radix: 16, uppercase: true) + ")" } ?? ""
            return "write the ASCII '\(fix.replacement)' instead of '\(found)'\(found.utf8.count > 1 ? code : "")"
        case .letterCase:
            return "write '\(fix.replacement)' instead of '\(found)' (OSM syntax is case-sensitive)"
        case .name:
            return "write '\(fix.replacement)' instead of '\(found)' (OSM syntax uses two-letter weekdays and three-letter months)"
        case .trailingSeparator:
            return "remove the '\(found.filter { !$0.isWhitespace })' at the end"
        case .listSeparator:
            return "separate time ranges with ',' instead of a space"
        }
    }

    /// The time written at `offset`: digits, a colon (ASCII or full-width) and digits.
    private static func timeText(at offset: Int, in utf8: [UInt8]) -> String {
        var end = offset
        func digits() { while end < utf8.count, utf8[end] >= 0x30, utf8[end] <= 0x39 { end += 1 } }
        digits()
        if end < utf8.count && utf8[end] == UInt8(ascii: ":") {
            end += 1
        } else if end + 2 < utf8.count && utf8[end] == 0xEF && utf8[end + 1] == 0xBC && utf8[end + 2] == 0x9A {
            end += 3
        }
        digits()
        return String(decoding: utf8[offset..<end], as: UTF8.self)
    }

    /// What a message names at `offset`: a word or time up to the next white space or `;`, or a
    /// single punctuation mark.
    private static func word(at offset: Int, in utf8: [UInt8]) -> String {
        guard offset < utf8.count else { return "" }
        let isWord = { (byte: UInt8) in (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39 }
        var end = offset + 1
        if isWord(utf8[offset]) {
            while end < utf8.count, utf8[end] != 0x20, utf8[end] != 0x09, utf8[end] != UInt8(ascii: ";") { end += 1 }
        } else {
            while end < utf8.count, utf8[end] & 0xC0 == 0x80 { end += 1 }  // the rest of a multi-byte character
            if utf8[offset] == UInt8(ascii: "|") && end < utf8.count && utf8[end] == UInt8(ascii: "|") { end += 1 }
        }
        return String(decoding: utf8[offset..<end], as: UTF8.self)
    }
}
