import StationKit

/// A plain-text table aligned by terminal display width, where Chinese characters take two columns.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns whose text is aligned to the right (numbers).
    var rightAligned: Set<Int> = []
    /// Longest display width a cell may take before it is cut with "…".
    var maxWidth = 40

    init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func rendered() -> String {
        let cells = ([header] + rows).map { $0.map { truncate($0, to: maxWidth) } }
        var widths = [Int](repeating: 0, count: header.count)
        for row in cells {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], displayWidth(cell)) }
        }
        var out = ""
        for row in cells {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - displayWidth(cell))
                let isLast = i == row.count - 1
                line += rightAligned.contains(i) ? pad + cell : cell + (isLast ? "" : pad)
                if !isLast { line += "  " }
            }
            out += line + "\n"
        }
        return out
    }

    private func truncate(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = displayWidth(String(character))
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }
}

/// Terminal columns a string occupies: East Asian wide and full-width characters count two.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
        let v = scalar.value
        if scalar.properties.generalCategory == .nonspacingMark { return total }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        return total + (wide ? 2 : 1)
    }
}

/// "850 m", "1.73 km", "12.4 km": metres below a kilometre, then kilometres with 3 significant digits.
func formatDistance(_ metres: Double) -> String {
    if metres < 999.5 { return "\(Int(metres.rounded())) m" }
    let km = metres / 1000
    if km < 9.995 { return formatDecimal(km, places: 2) + " km" }
    if km < 99.95 { return formatDecimal(km, places: 1) + " km" }
    return "\(Int(km.rounded())) km"
}
