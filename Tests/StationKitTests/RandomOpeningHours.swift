@testable import StationKit
import TestSupport

/// A random opening_hours value written twice: in strict OSM syntax, and with random slips a
/// registry might make (which must parse to the same rules and normalize to the strict text).
struct RandomOpeningHours {
    struct Rule {
        var separator = ""  // "", "; ", ", " or " || " before the rule
        /// (first month, first day, last month, last day); days are nil for whole months.
        var dates: [(Int, Int?, Int, Int?)] = []
        /// (first, last) weekday pairs, 0 = Monday; nil when the rule names no weekday.
        var weekdays: [(Int, Int)]?
        var publicHoliday = false
        /// (start, end) in minutes as written; the end may be earlier (the next day) or past 24:00.
        var spans: [(Int, Int)] = []
        var modifier: String?
        var comment: String?

        var state: OpeningState {
            switch modifier {
            case "off", "closed": .closed
            case "unknown": .unknown
            case nil where dates.isEmpty && weekdays == nil && !publicHoliday && spans.isEmpty: .unknown  // a bare comment
            default: .open
            }
        }
    }

    var rules: [Rule] = []
    var strict = ""
    var sloppy = ""
    var slipped = false

    static let days = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let longDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    init(using rng: inout SeededGenerator, dates: Bool) {
        for index in 0..<Int.random(in: 1...4, using: &rng) {
            var rule = Rule()
            if index > 0 {
                rule.separator = ["; ", "; ", "; ", ", ", " || "].randomElement(using: &rng)!
            }
            if dates && Double.random(in: 0..<1, using: &rng) < 0.3 {
                for _ in 0..<Int.random(in: 1...2, using: &rng) {
                    let first = Int.random(in: 1...12, using: &rng), last = Int.random(in: 1...12, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: rule.dates.append((first, nil, last, nil))
                    case 1: rule.dates.append((first, Int.random(in: 1...28, using: &rng), first, nil))
                    default: rule.dates.append((first, Int.random(in: 1...28, using: &rng), last, Int.random(in: 1...28, using: &rng)))
                    }
                }
            }
            if Double.random(in: 0..<1, using: &rng) < 0.7 || rule.separator == ", " {
                rule.weekdays = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                    let first = Int.random(in: 0..<7, using: &rng)
                    return Bool.random(using: &rng) ? (first, first) : (first, Int.random(in: 0..<7, using: &rng))
                }
                rule.publicHoliday = dates && Double.random(in: 0..<1, using: &rng) < 0.2
            }
            if Double.random(in: 0..<1, using: &rng) < 0.8 {
                rule.spans = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                    let start = Bool.random(using: &rng) ? Int.random(in: 0..<24, using: &rng) * 60 : Int.random(in: 0..<1440, using: &rng)
                    let end: Int = switch Int.random(in: 0..<10, using: &rng) {
                    case 0: 1440
                    case 1: Int.random(in: 1440...2880, using: &rng)
                    case 2: start
                    default: Int.random(in: 0..<1440, using: &rng)
                    }
                    return (start, end)
                }
            }
            if Double.random(in: 0..<1, using: &rng) < 0.35 {
                rule.modifier = ["off", "closed", "open", "unknown"].randomElement(using: &rng)!
            }
            if Double.random(in: 0..<1, using: &rng) < 0.1 { rule.comment = "备注 \(index); note" }
            if rule.dates.isEmpty && rule.weekdays == nil && rule.spans.isEmpty && rule.modifier == nil && rule.comment == nil {
                rule.modifier = "open"
            }
            // A ',' after a rule that ends in days would join the next rule's days to them.
            if rule.separator == ", ", let last = rules.indices.last, rules[last].spans.isEmpty,
               rules[last].modifier == nil, rules[last].comment == nil {
                rules[last].modifier = "open"
            }
            rules.append(rule)
        }
        for rule in rules { write(rule, using: &rng) }
        if Double.random(in: 0..<1, using: &rng) < 0.1 { slip("", ";") }
    }

    /// Appends `text` to the strict value and, now and then, `variants` (randomly) to the sloppy one.
    mutating func emit(_ text: String, _ variants: [String] = [], using rng: inout SeededGenerator) {
        strict += text
        if !variants.isEmpty && Double.random(in: 0..<1, using: &rng) < 0.15 {
            slip(text, variants.randomElement(using: &rng)!)
        } else {
            sloppy += text
        }
    }

    mutating func slip(_ text: String, _ variant: String) {
        sloppy += variant
        if variant != text { slipped = true }
    }

    mutating func write(_ rule: Rule, using rng: inout SeededGenerator) {
        let separatorVariants: [String: [String]] = [
            "; ": [";", " ; ", "；", ";  ", ";\u{3000}"], ", ": [",", " , ", "，"], " || ": ["||", "  ||  "],
        ]
        emit(rule.separator, separatorVariants[rule.separator] ?? [], using: &rng)
        var parts = 0
        func gap(_ generator: inout SeededGenerator, _ this: inout RandomOpeningHours) {
            if parts > 0 { this.emit(" ", ["  ", "\t", "\u{3000}"], using: &generator) }
            parts += 1
        }
        if !rule.dates.isEmpty {
            gap(&rng, &self)
            for (index, (firstMonth, firstDay, lastMonth, lastDay)) in rule.dates.enumerated() {
                if index > 0 { emit(",", ["，", " , "], using: &rng) }
                emit(Self.months[firstMonth - 1], [Self.months[firstMonth - 1].uppercased()], using: &rng)
                if let firstDay { emit(" " + twoDigits(firstDay), [" \(firstDay)"], using: &rng) }
                if let lastDay, lastMonth == firstMonth, Bool.random(using: &rng) {
                    emit("-", ["~", " - ", "–"], using: &rng)
                    emit(twoDigits(lastDay), ["\(lastDay)"], using: &rng)
                } else if lastMonth != firstMonth || lastDay != nil {
                    emit("-", ["~", " - ", "至"], using: &rng)
                    emit(Self.months[lastMonth - 1], [Self.months[lastMonth - 1].lowercased()], using: &rng)
                    if let lastDay { emit(" " + twoDigits(lastDay), [" \(lastDay)"], using: &rng) }
                }
            }
        }
        if let weekdays = rule.weekdays {
            gap(&rng, &self)
            for (index, (first, last)) in weekdays.enumerated() {
                if index > 0 { emit(",", ["，", ", "], using: &rng) }
                emit(Self.days[first], [Self.days[first].lowercased(), Self.longDays[first]], using: &rng)
                if first != last {
                    emit("-", ["~", " - ", "–", "至"], using: &rng)
                    emit(Self.days[last], [Self.days[last].uppercased(), String(Self.longDays[last].prefix(3))], using: &rng)
                }
            }
            if rule.publicHoliday { emit(",PH", [",ph", ", PH"], using: &rng) }
        }
        if !rule.spans.isEmpty {
            if parts > 0 {
                // No space at all reads well only after a weekday ("Mo-Fr08:00"), not after a day number.
                emit(" ", rule.weekdays == nil ? ["  "] : ["", "  "], using: &rng)
            }
            parts += 1
            for (index, (start, end)) in rule.spans.enumerated() {
                if index > 0 { emit(",", [", ", " ", "，"], using: &rng) }
                let hour = start / 60
                emit(twoDigits(hour), hour < 10 ? ["\(hour)"] : [], using: &rng)
                emit(":", ["："], using: &rng)
                emit(twoDigits(start % 60))
                emit("-", ["~", " - ", "–", "—", "至", "～"], using: &rng)
                emit(twoDigits(end / 60) + ":" + twoDigits(end % 60))
            }
        }
        if let modifier = rule.modifier {
            gap(&rng, &self)
            emit(modifier, [modifier.uppercased()], using: &rng)
        }
        if let comment = rule.comment {
            gap(&rng, &self)
            emit("\"" + comment + "\"", ["“" + comment + "”"], using: &rng)
        }
    }

    mutating func emit(_ text: String) {
        strict += text
        sloppy += text
    }

    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
