/// Where and why the bytes are not an opening_hours value we can read.
struct ParseFailure: Error {
    /// UTF-8 byte offset; ``OpeningHours/init(parsing:)`` turns it into a Character position.
    var offset: Int
    var kind: OpeningHoursError.Kind
    var message: String
}

/// Reads an opening_hours value in one pass over its UTF-8 bytes (the audit parses a million of
/// them, so no String slicing and no Character iteration). Builds the rules, the comments and
/// the list of leniencies as byte ranges; messages are only built on failure.
struct OpeningHoursParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var rules: [Rule] = []
    var comments: [String] = []
    var fixes: [Fix] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// How far a rule has got: its parts must come in this order.
    enum Stage: Int, Comparable {
        case start, dates, weekdays, times, modifier, comment

        static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    func failure(_ expected: String, at offset: Int, kind: OpeningHoursError.Kind = .invalid) -> ParseFailure {
        ParseFailure(offset: offset, kind: kind, message: "\(expected), found \(excerpt(at: offset))")
    }

    /// Parses the whole value: rules joined by `;`, `,` and `||`.
    mutating func parse() throws(ParseFailure) {
        index = offsetAfterSpaces(0)
        spacing(0..<index, "")
        guard index < bytes.count else {
            throw ParseFailure(offset: 0, kind: .invalid,
                               message: "the opening hours are empty; write for example 'Mo-Fr 08:00-18:00' or '24/7'")
        }
        rules.reserveCapacity(4)
        try parseRule(.normal)
        while true {
            let gapStart = index
            let separatorAt = offsetAfterSpaces(index)
            if separatorAt == bytes.count {
                spacing(gapStart..<separatorAt, "")
                return
            }
            // parseRule stops only at the end or at one of these.
            let separator: RuleSeparator
            let separatorLength: Int
            if case let (count, _) = length(of: .semicolon, at: separatorAt), count > 0 {
                (separator, separatorLength) = (.normal, count)
            } else if case let (count, _) = length(of: .comma, at: separatorAt), count > 0 {
                (separator, separatorLength) = (.additional, count)
            } else {
                (separator, separatorLength) = (.fallback, 2)
            }
            let ruleAt = offsetAfterSpaces(separatorAt + separatorLength)
            if ruleAt == bytes.count {
                guard separator != .fallback else { throw failure("expected a rule after '||'", at: ruleAt) }
                // "Mo-Fr 08:00-18:00;" says nothing more; drop the separator rather than fail.
                fixes.append(Fix(start: gapStart, end: ruleAt, replacement: "", kind: .trailingSeparator))
                index = ruleAt
                return
            }
            spacing(gapStart..<separatorAt, separator == .fallback ? " " : "")
            index = separatorAt
            if separator == .fallback {
                index += 2
            } else {
                _ = consume(separator == .normal ? .semicolon : .comma)
            }
            spacing(index..<ruleAt, " ")
            index = ruleAt
            try parseRule(separator)
        }
    }

    /// True at `;`, `,` (or their full-width forms) and `||`: where a rule ends.
    func isRuleSeparator(at offset: Int) -> Bool {
        length(of: .semicolon, at: offset).count > 0 || length(of: .comma, at: offset).count > 0
            || (byte(offset) == UInt8(ascii: "|") && byte(offset + 1) == UInt8(ascii: "|"))
    }

    /// Parses one rule at ``index`` and leaves ``index`` just after it (before any white space).
    mutating func parseRule(_ separator: RuleSeparator) throws(ParseFailure) {
        var rule = Rule(separator: separator)
        var stage = Stage.start
        var selectsOrModifies = false
        while true {
            let gapStart = index
            let at = offsetAfterSpaces(index)
            if at == bytes.count || isRuleSeparator(at: at) { break }
            let found = word(at: at)
            let twentyFourSeven = stage == .start && isTwentyFourSeven(at: at)
            let next: Stage
            if twentyFourSeven {
                next = .times
            } else if isDigit(at) && stage < .times {
                try rejectYear(at: at)
                next = .times
            } else if case .month? = found?.word, stage < .dates {
                next = .dates
            } else if let word = found?.word, stage < .weekdays, word.isDay {
                next = .weekdays
            } else if case .modifier? = found?.word, stage < .modifier {
                next = .modifier
            } else if isQuote(at: at) && stage < .comment {
                next = .comment
            } else {
                throw unexpected(at: at, after: stage, found: found?.word)
            }
            if stage != .start { spacing(gapStart..<at, " ") }
            index = at
            switch next {
            case .dates: try parseDates(into: &rule)
            case .weekdays: try parseWeekdays(into: &rule)
            case .times:
                if twentyFourSeven { index += 4 } else { try parseTimes(into: &rule) }
            case .modifier:
                if case .modifier(let state)? = found?.word { rule.state = state }
                consume(found!)
            default:
                let comment = try parseComment()
                rule.comment = comment
                comments.append(comment)
            }
            if next != .comment { selectsOrModifies = true }
            stage = next
        }
        // Reached only at a separator: parse() does not call this at the end of the text.
        guard stage != .start else { throw failure("expected a rule, not an empty one (remove the extra separator)", at: index) }
        // A rule that is only a comment ("by appointment") says nothing definite.
        if !selectsOrModifies { rule.state = .unknown }
        rules.append(rule)
    }

    func isTwentyFourSeven(at offset: Int) -> Bool {
        byte(offset) == UInt8(ascii: "2") && byte(offset + 1) == UInt8(ascii: "4")
            && byte(offset + 2) == UInt8(ascii: "/") && byte(offset + 3) == UInt8(ascii: "7") && !isDigit(offset + 4)
    }

    func isQuote(at offset: Int) -> Bool {
        byte(offset) == UInt8(ascii: "\"") || (byte(offset) == 0xE2 && byte(offset + 1) == 0x80 && byte(offset + 2) == 0x9C)
    }

    /// A year (`2026 Jan-Mar`): four digits from 1900 to 2100 standing alone. We do not evaluate
    /// years; "0800" or "1800-2000" fall through to the time parser and its message instead.
    func rejectYear(at offset: Int) throws(ParseFailure) {
        var end = offset
        var value = 0
        while isDigit(end) {
            value = value * 10 + Int(bytes[end] - 48)
            end += 1
            if end - offset > 4 { return }
        }
        if end - offset == 4 && (1900...2100).contains(value) && (end == bytes.count || spaceLength(at: end) > 0) {
            throw ParseFailure(offset: offset, kind: .unsupported,
                               message: "years like '\(text(offset..<end))' are OpenStreetMap syntax that is not supported here")
        }
    }

    /// The error for something that cannot come next in a rule, saying what could.
    func unexpected(at offset: Int, after stage: Stage, found: Word?) -> ParseFailure {
        if case .unsupported(let message)? = found { return ParseFailure(offset: offset, kind: .unsupported, message: message) }
        if byte(offset) == UInt8(ascii: "(") {
            return ParseFailure(offset: offset, kind: .unsupported,
                                message: "times relative to sunrise or sunset are OpenStreetMap syntax that is not supported here")
        }
        if let found, found.isDay || found.isMonth, stage >= .weekdays {
            return failure("expected ';' before the next rule", at: offset)
        }
        let expected: String
        switch stage {
        case .start:
            expected = "expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su), PH, a month (Jan-Dec), a time like 08:00, '24/7', 'off', 'open', 'unknown' or a comment in double quotes"
        case .dates:
            expected = "expected a weekday, a time like 08:00, 'off', 'open', 'unknown', a comment in double quotes or ';'"
        case .weekdays:
            expected = "expected a time like 08:00, 'off', 'open', 'unknown', a comment in double quotes or ';'"
        case .times:
            expected = "expected 'off', 'open', 'unknown', a comment in double quotes or ';'"
        case .modifier:
            expected = "expected a comment in double quotes or ';'"
        case .comment:
            expected = "expected ';' after the comment"
        }
        return failure(expected, at: offset)
    }
}

extension OpeningHoursParser.Word {
    /// A weekday or holiday: what a weekday selector is made of.
    var isDay: Bool {
        switch self {
        case .weekday, .holiday: true
        default: false
        }
    }

    var isMonth: Bool {
        if case .month = self { true } else { false }
    }
}
