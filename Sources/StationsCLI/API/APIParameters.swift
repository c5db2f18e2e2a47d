import ArgumentParser
import Foundation
import StationKit

/// The query parameters of one request, read the way the CLI reads its options (the same parsers,
/// so `need=淋浴` and `--need 淋浴` mean the same), with errors that name the parameter and value.
struct APIParameters {
    let items: [(name: String, value: String)]
    /// Parameters this endpoint takes; any other is refused rather than silently ignored.
    let known: Set<String>

    init(_ request: APIRequest, known: Set<String>) throws(APIProblem) {
        // An empty value is a parameter not given, as HTML forms send every field (`every=`).
        items = request.query.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty || !known.contains($0.name) }
        self.known = known
        for item in items where !known.contains(item.name) {
            let close = known.min { Self.distance($0, item.name) < Self.distance($1, item.name) }
            let hint = close.map { Self.distance($0, item.name) <= 2 ? " Did you mean \($0)?" : "" } ?? ""
            throw .badParameter(item.name, item.value,
                                "unknown parameter '\(item.name)'.\(hint) This endpoint takes \(known.sorted().joined(separator: ", ")).")
        }
    }

    /// The last value given for `name` (a repeated single-valued parameter: the last wins, as for CLI options).
    func value(_ name: String) -> String? { items.last { $0.name == name }?.value }

    /// Every value given for a repeatable parameter (`need=shower&need=toilet`).
    func values(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    func required(_ name: String, example: String) throws(APIProblem) -> String {
        guard let value = value(name), !value.isEmpty else { throw .missingParameter(name, example: example) }
        return value
    }

    /// Runs one of the CLI's parsers on a parameter, turning its message into a problem that names it.
    func parse<T>(_ name: String, _ parser: (String) throws -> T) throws(APIProblem) -> T? {
        guard let value = value(name) else { return nil }
        do {
            return try parser(value)
        } catch let problem as APIProblem {
            throw problem
        } catch {
            throw .badParameter(name, value, Self.message(error, option: name))
        }
    }

    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(APIProblem) -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw .badParameter(name, text, "\(name) must be a whole number, e.g. \(fallback)")
        }
        guard range.contains(number) else {
            throw .badParameter(name, text, "\(name) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    func bool(_ name: String) throws(APIProblem) -> Bool {
        guard let text = value(name) else { return false }
        switch text.lowercased() {
        case "", "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: throw .badParameter(name, text, "\(name) is true or false")
        }
    }

    func datum(_ name: String = "crs") throws(APIProblem) -> Datum {
        guard let text = value(name) else { return .wgs84 }
        guard let datum = Datum(parsing: text) else {
            throw .badParameter(name, text, "unknown datum '\(text)'; use wgs84 (GPS, OpenStreetMap, Leaflet), gcj02 (Amap, Tencent) or bd09 (Baidu)")
        }
        return datum
    }

    func need() throws(APIProblem) -> AmenitySet {
        let given = values("need")
        do { return try parseNeed(given) } catch {
            throw .badParameter("need", given.joined(separator: ","), Self.message(error, option: "need"))
        }
    }

    func kinds() throws(APIProblem) -> Set<Kind> {
        let given = values("kind")
        do { return try parseKinds(given) } catch {
            throw .badParameter("kind", given.joined(separator: ","), Self.message(error, option: "kind"))
        }
    }

    /// The CLI's message without its `--option:` prefix (the problem names the parameter itself).
    static func message(_ error: any Error, option: String) -> String {
        var text = (error as? ValidationError)?.message ?? "\(error)"
        for prefix in ["--\(option): ", "--\(option) "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        return text.replacingOccurrences(of: "--open-at", with: "open_at")
    }

    /// Edit distance, for "did you mean" on parameter names (short words only).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
