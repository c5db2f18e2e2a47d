/// The keyword table: each standard spelling with the case-folded English names accepted for it.
extension OpeningHoursParser {
    private static let vocabulary: [(names: [String], word: Word, spelling: String)] = {
        var table: [(names: [String], word: Word, spelling: String)] = []
        let weekdays = [["mo", "mon", "monday"], ["tu", "tue", "tues", "tuesday"], ["we", "wed", "wednesday"],
                        ["th", "thu", "thur", "thurs", "thursday"], ["fr", "fri", "friday"],
                        ["sa", "sat", "saturday"], ["su", "sun", "sunday"]]
        for (day, names) in weekdays.enumerated() {
            table.append((names, .weekday(day), weekdaySpellings[day]))
        }
        let months = [["jan", "january"], ["feb", "february"], ["mar", "march"], ["apr", "april"], ["may"],
                      ["jun", "june"], ["jul", "july"], ["aug", "august"], ["sep", "sept", "september"],
                      ["oct", "october"], ["nov", "november"], ["dec", "december"]]
        for (month, names) in months.enumerated() {
            table.append((names, .month(month + 1), monthSpellings[month]))
        }
        table.append((["ph"], .holiday(Rule.publicHoliday), "PH"))
        table.append((["sh"], .holiday(Rule.schoolHoliday), "SH"))
        table.append((["open"], .modifier(.open), "open"))
        table.append((["off"], .modifier(.closed), "off"))
        table.append((["closed"], .modifier(.closed), "closed"))
        table.append((["unknown"], .modifier(.unknown), "unknown"))
        let variable = "times of sunrise, sunset, dawn and dusk are OpenStreetMap syntax that is not supported here; write clock times like 06:00"
        table.append((["sunrise", "sunset", "dawn", "dusk"], .unsupported(variable), ""))
        table.append((["week"], .unsupported("week numbers ('week 01-10') are OpenStreetMap syntax that is not supported here; use months like 'Jan-Mar'"), ""))
        table.append((["easter"], .unsupported("'easter' is OpenStreetMap syntax that is not supported here"), ""))
        return table
    }()

    static let weekdaySpellings = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    static let monthSpellings = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A keyword's meaning and standard spelling, with the spelling's bytes packed as
    /// ``word(at:)`` packs what it reads, so that "written exactly so" is one comparison.
    struct Keyword {
        let word: Word
        let spelling: String
        let packedSpelling: UInt64

        init(_ word: Word, _ spelling: String) {
            self.word = word
            self.spelling = spelling
            packedSpelling = OpeningHoursParser.pack(spelling)
        }
    }

    static func pack(_ name: String) -> UInt64 {
        name.utf8.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Two-letter keywords, at `26 * first letter + second letter` (lower case, from 'a').
    static let twoLetterWords: [Keyword?] = {
        var table = [Keyword?](repeating: nil, count: 26 * 26)
        for entry in vocabulary {
            for name in entry.names where name.utf8.count == 2 {
                let letters = Array(name.utf8).map { Int($0) - 0x61 }
                table[letters[0] * 26 + letters[1]] = Keyword(entry.word, entry.spelling)
            }
        }
        return table
    }()

    /// Keywords of three to eight letters, keyed by their packed lower-case bytes.
    static let shortWords: [UInt64: Keyword] = {
        var table: [UInt64: Keyword] = [:]
        for entry in vocabulary {
            for name in entry.names where (3...8).contains(name.utf8.count) {
                table[pack(name)] = Keyword(entry.word, entry.spelling)
            }
        }
        return table
    }()

    /// Keywords longer than eight letters, by lower-case name.
    static let longWords: [String: Keyword] = {
        var table: [String: Keyword] = [:]
        for entry in vocabulary {
            for name in entry.names where name.utf8.count > 8 { table[name] = Keyword(entry.word, entry.spelling) }
        }
        return table
    }()
}
