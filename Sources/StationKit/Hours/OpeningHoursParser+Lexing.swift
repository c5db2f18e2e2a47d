/// The byte-level pieces of the grammar: white space, punctuation with the look-alikes registries
/// type in its place, keywords, and the excerpt of the text that messages quote.
extension OpeningHoursParser {
    /// Punctuation of the grammar.
    enum Mark {
        case dash, colon, semicolon, comma

        var ascii: String {
            switch self {
            case .dash: "-"
            case .colon: ":"
            case .semicolon: ";"
            case .comma: ","
            }
        }
    }

    /// A keyword of the grammar, after case folding and English aliases.
    enum Word: Equatable {
        /// 0 is Monday.
        case weekday(Int)
        /// 1 is January.
        case month(Int)
        /// ``Rule/publicHoliday`` or ``Rule/schoolHoliday``.
        case holiday(UInt8)
        case modifier(OpeningState)
        /// OSM syntax we do not evaluate; the payload is the message.
        case unsupported(String)
    }

    func byte(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    func isDigit(_ offset: Int) -> Bool {
        guard let byte = byte(offset) else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The byte length of one white-space character at `offset`, 0 if there is none: ASCII
    /// space, tab and line breaks, the no-break space, and the ideographic space U+3000 that
    /// Chinese input methods type.
    func spaceLength(at offset: Int) -> Int {
        guard let byte = byte(offset) else { return 0 }
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D: return 1
        case 0xC2: return self.byte(offset + 1) == 0xA0 ? 2 : 0
        case 0xE3: return self.byte(offset + 1) == 0x80 && self.byte(offset + 2) == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// The offset of the first non-blank byte at or after `offset`.
    func offsetAfterSpaces(_ offset: Int) -> Int {
        var offset = offset
        while case let length = spaceLength(at: offset), length > 0 { offset += length }
        return offset
    }

    /// The byte length of `mark` at `offset` (0 when absent) and whether it is the ASCII
    /// character itself rather than an accepted look-alike.
    func length(of mark: Mark, at offset: Int) -> (count: Int, isASCII: Bool) {
        guard let first = byte(offset) else { return (0, true) }
        let second = byte(offset + 1), third = byte(offset + 2)
        switch mark {
        case .dash:
            if first == UInt8(ascii: "-") { return (1, true) }
            if first == UInt8(ascii: "~") { return (1, false) }
            if first == 0xE2 && second == 0x80 && (third == 0x93 || third == 0x94) { return (3, false) }  // – —
            if first == 0xEF && second == 0xBD && third == 0x9E { return (3, false) }  // ～
            if first == 0xEF && second == 0xBC && third == 0x8D { return (3, false) }  // －
            if first == 0xE8 && second == 0x87 && third == 0xB3 { return (3, false) }  // 至
        case .colon:
            if first == UInt8(ascii: ":") { return (1, true) }
            if first == 0xEF && second == 0xBC && third == 0x9A { return (3, false) }  // ：
        case .semicolon:
            if first == UInt8(ascii: ";") { return (1, true) }
            if first == 0xEF && second == 0xBC && third == 0x9B { return (3, false) }  // ；
        case .comma:
            if first == UInt8(ascii: ",") { return (1, true) }
            if first == 0xEF && second == 0xBC && third == 0x8C { return (3, false) }  // ，
        }
        return (0, true)
    }

    /// Consumes `mark` at ``index`` if it is there, noting a look-alike as a leniency.
    mutating func consume(_ mark: Mark) -> Bool {
        let (count, isASCII) = length(of: mark, at: index)
        guard count > 0 else { return false }
        if !isASCII {
            let kind: LeniencyKind = switch mark {
            case .dash: .dash
            case .colon: .colon
            case .semicolon, .comma: .punctuation
            }
            fixes.append(Fix(start: index, end: index + count, replacement: mark.ascii, kind: kind))
        }
        index += count
        return true
    }

    /// Notes a leniency when the white space in `range` is not what strict syntax has there:
    /// nothing (`canonical` empty) or exactly one ASCII space.
    mutating func spacing(_ range: Range<Int>, _ canonical: String) {
        let isCanonical = canonical.isEmpty ? range.isEmpty : (range.count == 1 && bytes[range.lowerBound] == 0x20)
        if !isCanonical {
            fixes.append(Fix(start: range.lowerBound, end: range.upperBound, replacement: canonical, kind: .spacing))
        }
    }

    /// The keyword at `offset`: its end, meaning and standard spelling, and whether it is written
    /// exactly so; nil when the letters there are not a keyword (or there are no letters).
    func word(at offset: Int) -> (end: Int, word: Word, spelling: String, exact: Bool)? {
        var end = offset
        var folded: UInt64 = 0
        var raw: UInt64 = 0
        while let byte = byte(end), (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") {
            if end - offset < 8 {
                folded = folded << 8 | UInt64(byte | 0x20)
                raw = raw << 8 | UInt64(byte)
            }
            end += 1
        }
        let length = end - offset
        guard length > 0 else { return nil }
        // Keywords are found by their case-folded bytes packed into an integer, without building a
        // String: two-letter ones (weekdays, PH, SH: most of what values contain) in a flat table,
        // other short ones in a dictionary, the few longer than eight letters by name.
        let keyword: Keyword?
        if length == 2 {
            keyword = OpeningHoursParser.twoLetterWords[Int((folded >> 8) - 0x61) * 26 + Int((folded & 0xFF) - 0x61)]
        } else if length <= 8 {
            keyword = OpeningHoursParser.shortWords[folded]
        } else {
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self).lowercased()
            keyword = OpeningHoursParser.longWords[name]
        }
        guard let keyword else { return nil }
        return (end, keyword.word, keyword.spelling, length <= 8 && raw == keyword.packedSpelling)
    }

    /// Consumes the keyword found by ``word(at:)`` at ``index``, noting a non-standard spelling.
    mutating func consume(_ found: (end: Int, word: Word, spelling: String, exact: Bool)) {
        if !found.exact {
            let written = UnsafeBufferPointer(rebasing: bytes[index..<found.end])
            let sameLetters = written.count == found.spelling.utf8.count
                && zip(written, found.spelling.utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
            fixes.append(Fix(start: index, end: found.end, replacement: found.spelling, kind: sameLetters ? .letterCase : .name))
        }
        index = found.end
    }

    /// The text at `offset` as a message quotes it: up to the next space or `;`, at most 12
    /// characters, in single quotes; or "the end of the text".
    func excerpt(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the text" }
        var end = offset
        var characters = 0
        while end < bytes.count && characters < 12 {
            if end > offset && (spaceLength(at: end) > 0 || length(of: .semicolon, at: end).count > 0) { break }
            let lead = bytes[end]
            end += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            characters += 1
        }
        end = min(end, bytes.count)
        let more = characters == 12 && end < bytes.count && spaceLength(at: end) == 0 && length(of: .semicolon, at: end).count == 0
        return "'" + String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self) + (more ? "…'" : "'")
    }

    /// The text between two offsets, for messages.
    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
