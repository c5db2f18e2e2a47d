/// Chinese telephone number formats, as registries write them.
///
/// Accepted: mobiles (11 digits, 13x–19x), landlines with an area code (010, 02x, or 0 + three
/// digits; then a 7- or 8-digit local number; an extension after `-`, `转` or `ext`), the 400/800
/// business numbers (10 digits), five-digit service numbers (12351, the unions' hotline; 12345;
/// 95xxx), each optionally after `+86`/`0086`/`86`, with spaces, hyphens, dots or brackets between
/// groups. Several numbers may be separated by `/`, `、`, `,`, `;` or `或`.
enum PhoneNumber {
    /// Why `text` is not a phone number in any of those formats, or nil when every number in it is.
    static func problem(in text: String) -> String? {
        // Most registries write plain ASCII numbers: no separators between numbers, no extension
        // words; those skip the general path's splitting and searching.
        if text.utf8.allSatisfy({ plainBytes[Int($0)] }) { return problem(inPlain: text) }
        let numbers = text.split(whereSeparator: { "/、,，;；或|".contains($0) })
            .map { String($0).trimmed() }.filter { !$0.isEmpty }
        guard !numbers.isEmpty else { return "no digits" }
        for number in numbers {
            if let problem = problem(inOne: number) { return numbers.count > 1 ? "'\(number)': \(problem)" : problem }
        }
        return nil
    }

    /// Bytes of a number without extension words or list separators.
    static let plainBytes: [Bool] = (0..<256).map { byte in
        (0x30...0x39).contains(byte) || " -.()+".utf8.contains(UInt8(byte))
    }

    static func problem(inOne written: String) -> String? {
        var text = Substring(written)
        // An extension is not part of the number proper.
        for marker in ["转", "ext.", "ext", "x", "分机"] {
            if let range = text.range(of: marker, options: .caseInsensitive) {
                let extensionDigits = text[range.upperBound...].filter(\.isASCIIDigit)
                guard !extensionDigits.isEmpty, extensionDigits.count <= 6 else { return "the extension after '\(marker)' is not 1–6 digits" }
                text = text[..<range.lowerBound]
                break
            }
        }
        guard text.contains(where: \.isASCIIDigit) else { return "no digits; leave the field empty until the number is known" }
        let allowed = Set("0123456789 -.()（）+\u{3000}")
        if let stray = text.first(where: { !allowed.contains($0) }) { return "'\(stray)' is not part of a phone number" }
        return problem(inPlain: String(text))
    }

    /// The digits' verdict, for a number with nothing but digits and grouping characters; a last
    /// hyphenated group of up to six digits may be an extension (`0351-4040123-8001`).
    static func problem(inPlain text: String) -> String? {
        guard let verdict = problem(inDigitsOf: text) else { return nil }
        if let dash = text.lastIndex(of: "-"), text.filter({ $0 == "-" }).count >= 2,
           (1...6).contains(text[text.index(after: dash)...].count),
           problem(inDigitsOf: String(text[..<dash])) == nil { return nil }
        return verdict
    }

    static func problem(inDigitsOf text: String) -> String? {
        var digits = String(decoding: text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
        var international = false
        if text.trimmed().hasPrefix("+86") || digits.hasPrefix("0086") {
            digits.removeFirst(digits.hasPrefix("0086") ? 4 : 2)
            international = true
        } else if digits.hasPrefix("86"), digits.count == 13, digits.dropFirst(2).first == "1" {
            digits.removeFirst(2)
            international = true
        }
        if digits.first == "1" {
            if digits.count == 5, digits.hasPrefix("12") { return nil }
            guard digits.count == 11 else { return "a mobile number has 11 digits, this has \(digits.count)" }
            guard let second = digits.dropFirst().first, "3456789".contains(second) else { return "mobile numbers start 13–19" }
            return nil
        }
        if digits.hasPrefix("95"), digits.count == 5 { return nil }
        if digits.hasPrefix("400") || digits.hasPrefix("800") {
            return digits.count == 10 ? nil : "400/800 numbers have 10 digits, this has \(digits.count)"
        }
        // A landline written internationally drops the trunk 0: +86 351 1234567.
        if international, digits.first != "0" { digits = "0" + digits }
        guard digits.first == "0" else {
            return digits.count == 7 || digits.count == 8 ? "no area code (e.g. 0351- for 太原)" : "not a Chinese mobile or landline number"
        }
        let areaLength = digits.dropFirst().first == "1" || digits.dropFirst().first == "2" ? 3 : 4
        let local = digits.count - areaLength
        guard local == 7 || local == 8 else {
            return "after the area code \(digits.prefix(areaLength)) a landline has 7 or 8 digits, this has \(max(local, 0))"
        }
        guard digits.dropFirst(areaLength).first != "0" else { return "a local number never starts with 0" }
        return nil
    }
}

extension Character {
    /// 0–9 only (`isNumber` also accepts 五 and ⅷ).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
