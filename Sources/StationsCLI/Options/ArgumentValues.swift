import ArgumentParser
import StationKit

/// A `LAT,LON` argument as people copy it from a map (`37.9,112.5`, `37.9, 112.5`, `37.9，112.5`).
struct QueryPoint: ExpressibleByArgument {
    var coordinate: Coordinate

    init?(argument: String) {
        guard let coordinate = try? QueryPoint.parse(argument) else { return nil }
        self.coordinate = coordinate
    }

    /// Parses `LAT,LON`, explaining exactly what is wrong.
    static func parse(_ text: String) throws(ValidationError) -> Coordinate {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == "，" }).map { $0.trimmingSpaces() }
        guard parts.count == 2 else {
            throw ValidationError("'\(text)' is not LAT,LON; write for example 37.9,112.5 (negative values after --: stations near -- -33.86,151.2)")
        }
        do {
            return try Coordinate(parsingLatitude: parts[0], longitude: parts[1])
        } catch {
            throw ValidationError(error.message)
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// A distance with a unit: `800m`, `5km`, `1.5 km`.
struct DistanceArgument: ExpressibleByArgument {
    var metres: Double

    init?(argument: String) {
        guard let metres = try? DistanceArgument.parse(argument) else { return nil }
        self.metres = metres
    }

    static func parse(_ text: String) throws(ValidationError) -> Double {
        let compact = text.filter { !$0.isWhitespace }.lowercased()
        let units: [(suffix: String, factor: Double)] = [("km", 1000), ("公里", 1000), ("千米", 1000), ("m", 1), ("米", 1)]
        for unit in units where compact.hasSuffix(unit.suffix) {
            let number = compact.dropLast(unit.suffix.count)
            guard let value = Double(number), value.isFinite, value >= 0 else { break }
            return value * unit.factor
        }
        if Double(compact) != nil {
            throw ValidationError("distance '\(text)' needs a unit: \(text)m or \(text)km")
        }
        throw ValidationError("'\(text)' is not a distance; write for example 800m or 5km")
    }
}

/// Parses repeated, comma-separated `--need` values into one set, naming the bad tag and a suggestion.
func parseNeed(_ values: [String]) throws(ValidationError) -> AmenitySet {
    var need = AmenitySet()
    for value in values {
        do {
            need.formUnion(try AmenitySet(parsingList: value))
        } catch {
            throw ValidationError("--need: \(error); known amenities: \(Amenity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }
    return need
}

/// Parses repeated, comma-separated `--kind` values (English or Chinese).
func parseKinds(_ values: [String]) throws(ValidationError) -> Set<Kind> {
    var kinds: Set<Kind> = []
    for value in values {
        for part in value.split(whereSeparator: { $0 == "," || $0 == "，" }) {
            guard let kind = Kind(parsing: String(part)) else {
                throw ValidationError("--kind: unknown kind '\(part)'; use \(Kind.allCases.map(\.rawValue).joined(separator: ", ")) (or 户外劳动者服务站点, 司机之家, 康乃馨服务站)")
            }
            kinds.insert(kind)
        }
    }
    return kinds
}

extension Substring {
    func trimmingSpaces() -> String {
        String(self.drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}

/// Datums on the command line accept the spellings registries use (`gcj02`, `GCJ-02`, `bd09`, `BD-09`).
extension Datum: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
