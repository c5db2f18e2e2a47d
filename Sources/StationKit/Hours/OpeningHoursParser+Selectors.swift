/// The parts of a rule: dates of the year, weekdays, times of day, and comments.
extension OpeningHoursParser {
    /// `Jan-Mar`, `Dec 25`, `Dec 24-26`, `Dec 24-Jan 02`, and lists of them joined by `,`.
    mutating func parseDates(into rule: inout Rule) throws(ParseFailure) {
        while true {
            guard let first = word(at: index), case .month(let firstMonth) = first.word else {
                throw failure("expected a month (Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec)", at: index)
            }
            let rangeStart = index
            consume(first)
            let firstDay = try parseDayOfMonth(firstMonth, separatedBy: " ")
            var lastMonth = firstMonth
            var lastDay = firstDay
            let dashAt = offsetAfterSpaces(index)
            if case let (dash, _) = length(of: .dash, at: dashAt), dash > 0 {
                let afterDash = offsetAfterSpaces(dashAt + dash)
                spacing(index..<dashAt, "")
                index = dashAt
                _ = consume(.dash)
                spacing(index..<afterDash, "")
                index = afterDash
                if let second = word(at: index), case .month(let month) = second.word {
                    consume(second)
                    lastMonth = month
                    lastDay = try parseDayOfMonth(month, separatedBy: " ")
                    guard (firstDay == nil) == (lastDay == nil) else {
                        throw failure("a date range needs a day on both ends or on neither ('Jan 10-Mar 15' or 'Jan-Mar')", at: rangeStart)
                    }
                } else if firstDay != nil, let day = try parseDayOfMonth(firstMonth, separatedBy: "") {
                    lastDay = day
                } else {
                    throw failure(firstDay == nil ? "expected a month after '-'" : "expected a day or a month after '-'", at: index)
                }
            }
            let start = UInt16(firstMonth * 32 + (firstDay ?? 1))
            let end = UInt16(lastMonth * 32 + (lastDay ?? 31))
            rule.dates.append(DateRange(start: start, end: end))
            // A ',' here can only continue the list: a rule of dates alone followed by an additional rule is too rare to be meant.
            let itemEnd = index
            let commaAt = offsetAfterSpaces(index)
            guard case let (comma, _) = length(of: .comma, at: commaAt), comma > 0 else { return }
            let nextAt = offsetAfterSpaces(commaAt + comma)
            guard case .month? = word(at: nextAt)?.word else { throw failure("expected a month after ','", at: nextAt) }
            spacing(itemEnd..<commaAt, "")
            index = commaAt
            _ = consume(.comma)
            spacing(index..<nextAt, "")
            index = nextAt
        }
    }

    /// A day of the month after white space (`separator` is what strict syntax has there), if the
    /// digits there are a day and not the hour of a time.
    mutating func parseDayOfMonth(_ month: Int, separatedBy separator: String) throws(ParseFailure) -> Int? {
        let at = offsetAfterSpaces(index)
        var end = at
        while isDigit(end) { end += 1 }
        guard end > at, length(of: .colon, at: end).count == 0 else { return nil }
        guard end - at <= 2 else { throw failure("expected a day of the month like 01 or 25", at: at) }
        let day = end - at == 1 ? Int(bytes[at] - 48) : Int(bytes[at] - 48) * 10 + Int(bytes[at + 1] - 48)
        let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day >= 1 && day <= daysInMonth else {
            throw ParseFailure(offset: at, kind: .invalid,
                               message: "\(OpeningHoursParser.monthSpellings[month - 1]) \(text(at..<end)) is not a date: that month has days 01 to \(daysInMonth)")
        }
        spacing(index..<at, separator)
        if end - at == 1 { fixes.append(Fix(start: at, end: at, replacement: "0", kind: .dayDigits)) }
        index = end
        return day
    }

    /// `Mo`, `Mo-Fr`, `Sa-Mo` (wrapping past Sunday), `PH`, `SH`, and lists of them joined by `,`.
    mutating func parseWeekdays(into rule: inout Rule) throws(ParseFailure) {
        rule.weekdays = 0
        while true {
            guard let first = word(at: index), first.word.isDay else {
                throw failure("expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su) or PH", at: index)
            }
            consume(first)
            switch first.word {
            case .holiday(let bit):
                rule.holidays |= bit
            case .weekday(let firstDay):
                var lastDay = firstDay
                let dashAt = offsetAfterSpaces(index)
                if case let (dash, _) = length(of: .dash, at: dashAt), dash > 0 {
                    let afterDash = offsetAfterSpaces(dashAt + dash)
                    guard let last = word(at: afterDash), case .weekday(let day) = last.word else {
                        throw failure("expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su) after '-'", at: afterDash)
                    }
                    spacing(index..<dashAt, "")
                    index = dashAt
                    _ = consume(.dash)
                    spacing(index..<afterDash, "")
                    index = afterDash
                    consume(last)
                    lastDay = day
                }
                rule.weekdays |= Self.weekdayMask(from: firstDay, through: lastDay)
                if byte(index) == UInt8(ascii: "[") {
                    throw ParseFailure(offset: index, kind: .unsupported,
                                       message: "weekdays of the month like 'Su[1]' are OpenStreetMap syntax that is not supported here")
                }
            default:
                break
            }
            // A ',' after days continues the list, even with a space after it ("Mo, We"): a rule of
            // days alone followed by an additional rule is too rare to be what was meant.
            let itemEnd = index
            let commaAt = offsetAfterSpaces(index)
            guard case let (comma, _) = length(of: .comma, at: commaAt), comma > 0 else {
                if rule.weekdays == 0, let next = word(at: commaAt), case .weekday = next.word {
                    throw ParseFailure(offset: commaAt, kind: .unsupported,
                                       message: "holidays narrowed to weekdays ('PH Mo-Fr') are OpenStreetMap syntax that is not supported here")
                }
                return
            }
            let nextAt = offsetAfterSpaces(commaAt + comma)
            guard let next = word(at: nextAt), next.word.isDay else {
                throw failure("expected another weekday or PH after ',' (put a space, not a ',', between the days and the times)", at: nextAt)
            }
            spacing(itemEnd..<commaAt, "")
            index = commaAt
            _ = consume(.comma)
            spacing(index..<nextAt, "")
            index = nextAt
        }
    }

    /// The bits of the days from `first` through `last`, going past Sunday to Monday if need be.
    static func weekdayMask(from first: Int, through last: Int) -> UInt8 {
        var mask: UInt8 = 0
        var day = first
        while true {
            mask |= 1 << UInt8(day)
            if day == last { return mask }
            day = (day + 1) % 7
        }
    }

    /// `08:00-18:00`, `20:00-06:00`, `22:00-26:00`, and lists of them joined by `,`.
    mutating func parseTimes(into rule: inout Rule) throws(ParseFailure) {
        rule.spans.reserveCapacity(2)
        while true {
            let startAt = index
            let start = try parseTime(closing: false)
            let dashAt = offsetAfterSpaces(index)
            guard case let (dash, _) = length(of: .dash, at: dashAt), dash > 0 else {
                if byte(dashAt) == UInt8(ascii: "+") { throw openEnded(at: dashAt) }
                throw failure("expected '-' and a closing time after '\(text(startAt..<index))'", at: dashAt)
            }
            spacing(index..<dashAt, "")
            index = dashAt
            _ = consume(.dash)
            let endAt = offsetAfterSpaces(index)
            spacing(index..<endAt, "")
            index = endAt
            guard isDigit(index) else {
                if case .unsupported(let message)? = word(at: index)?.word {
                    throw ParseFailure(offset: index, kind: .unsupported, message: message)
                }
                throw failure("expected a closing time like 18:00 after '-'", at: index)
            }
            var end = try parseTime(closing: true)
            if byte(index) == UInt8(ascii: "+") { throw openEnded(at: index) }
            if byte(index) == UInt8(ascii: "/") {
                throw ParseFailure(offset: index, kind: .unsupported,
                                   message: "repeating times like '10:00-16:00/01:30' are OpenStreetMap syntax that is not supported here")
            }
            // An end at or before the start is on the next day; an equal one makes 24 hours.
            if end <= start { end += 1440 }
            rule.spans.append(TimeSpan(start: UInt16(start), end: UInt16(end)))

            let spanEnd = index
            let commaAt = offsetAfterSpaces(index)
            if case let (comma, _) = length(of: .comma, at: commaAt), comma > 0 {
                // A ',' followed by a time continues the list, even with a space after it; followed by
                // anything else it starts an additional rule, which the caller reads.
                let nextAt = offsetAfterSpaces(commaAt + comma)
                guard isDigit(nextAt) else { return }
                spacing(spanEnd..<commaAt, "")
                index = commaAt
                _ = consume(.comma)
                spacing(index..<nextAt, "")
                index = nextAt
            } else if commaAt > spanEnd && isDigit(commaAt) {
                // "08:00-12:00 14:00-18:00": the ',' is missing, but nothing else can be meant.
                fixes.append(Fix(start: spanEnd, end: commaAt, replacement: ",", kind: .listSeparator))
                index = commaAt
            } else {
                return
            }
        }
    }

    func openEnded(at offset: Int) -> ParseFailure {
        ParseFailure(offset: offset, kind: .unsupported,
                     message: "open-ended times like '18:00+' are OpenStreetMap syntax that is not supported here; write a closing time")
    }

    /// One time of day, `hh:mm`, in minutes. A closing time may be up to 48:00 (OSM's extended
    /// time, for the next morning); an opening time must be a time of day, 00:00 to 23:59.
    mutating func parseTime(closing: Bool) throws(ParseFailure) -> Int {
        let start = index
        var end = start
        while isDigit(end) && end - start < 3 { end += 1 }
        let hourDigits = end - start
        let expected = closing ? "expected a closing time like 18:00" : "expected a time like 08:00"
        guard hourDigits == 1 || hourDigits == 2 else { throw failure(expected, at: start) }
        let hour = hourDigits == 1 ? Int(bytes[start] - 48) : Int(bytes[start] - 48) * 10 + Int(bytes[start + 1] - 48)
        let colonAt = end
        let (colon, colonIsASCII) = length(of: .colon, at: colonAt)
        let minutesAt = colonAt + colon
        guard colon > 0, isDigit(minutesAt), isDigit(minutesAt + 1), !isDigit(minutesAt + 2) else {
            throw failure(expected, at: start)
        }
        let minute = Int(bytes[minutesAt] - 48) * 10 + Int(bytes[minutesAt + 1] - 48)
        // What was written, for messages only (building it for every time would cost more than the rest).
        var written: String { text(start..<minutesAt + 2) }
        guard minute < 60 else {
            throw ParseFailure(offset: start, kind: .invalid, message: "'\(written)' is not a time: minutes run from 00 to 59")
        }
        let minutes = hour * 60 + minute
        if closing {
            guard minutes <= 48 * 60 else {
                throw ParseFailure(offset: start, kind: .invalid,
                                   message: "'\(written)' is too late: a closing time runs up to 48:00 (midnight at the end of the next day)")
            }
        } else if hour >= 24 {
            throw ParseFailure(offset: start, kind: .invalid, message: minutes == 24 * 60
                ? "a time range cannot start at 24:00; write 00:00"
                : "'\(written)' is not a time of day: hours run from 00 to 23")
        }
        if hourDigits == 1 { fixes.append(Fix(start: start, end: start, replacement: "0", kind: .hourDigits)) }
        if !colonIsASCII { fixes.append(Fix(start: colonAt, end: minutesAt, replacement: ":", kind: .colon)) }
        index = minutesAt + 2
        return minutes
    }

    /// A comment in double quotes (or the curly quotes “…” Chinese input methods type); its text
    /// cannot contain a double quote, as in OSM.
    mutating func parseComment() throws(ParseFailure) -> String {
        let open = index
        let curly = bytes[index] != UInt8(ascii: "\"")
        if curly { fixes.append(Fix(start: index, end: index + 3, replacement: "\"", kind: .quotes)) }
        index += curly ? 3 : 1
        let start = index
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return text(start..<index - 1)
            }
            if curly && bytes[index] == 0xE2 && byte(index + 1) == 0x80 && byte(index + 2) == 0x9D {
                fixes.append(Fix(start: index, end: index + 3, replacement: "\"", kind: .quotes))
                index += 3
                return text(start..<index - 3)
            }
            index += 1
        }
        throw ParseFailure(offset: open, kind: .invalid,
                           message: "the comment \(excerpt(at: open)) is never closed; add a '\"' at its end")
    }
}
