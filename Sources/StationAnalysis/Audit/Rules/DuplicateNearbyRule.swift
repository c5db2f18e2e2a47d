import StationKit

/// Two stations within 50 m with the same or nearly the same name: one station entered twice.
/// Pairs come from the grid index (a 50 m search around each station), never from all pairs.
struct DuplicateNearbyRule: AuditRule {
    static let id = "duplicate-nearby"
    static let severity = AuditSeverity.warning
    static let summary = "same or very similar name within 50 m (entered twice?)"

    /// How close two stations must be to count as one place.
    static let radius = 50.0

    func findings(in audit: AuditContext) -> [AuditFinding] {
        let data = audit.data
        let keys = parallelMap(count: data.stations.count) { Self.nameKey(data.stations[$0].name) }
        return parallelFindings(count: data.stations.count) { later, findings in
            guard !keys[later].isEmpty else { return }
            let station = data.stations[later]
            // The earliest similar station within the radius; the later record is the one flagged.
            let match = data.index.within(Self.radius, of: station.coordinate)
                .filter { $0.index < later && Self.similar(keys[$0.index], keys[later]) }
                .min { $0.index < $1.index }
            guard let match else { return }
            let other = data.stations[match.index]
            let otherOrigin = data.sources[data.sourceOfStation[match.index]].origin
            let there = otherOrigin.file == data.sources[data.sourceOfStation[later]].origin.file ? "\(otherOrigin.location)" : "\(otherOrigin)"
            let sameness = keys[match.index] == keys[later] ? "the same name as" : "nearly the same name as"
            findings.append(AuditFinding(
                self, data.sources[data.sourceOfStation[later]], field: "name", value: station.name,
                message: "\(sameness) '\(other.name)' (\(there), id \(other.id)), \(formattedDistance(match.distance)) away: probably one station entered twice",
                suggestion: "merge the two rows, keeping the better address and amenities"))
        }
    }

    /// The name without spaces and punctuation, case folded: `工会驿站（西门）` and `工会驿站 西门` match.
    static func nameKey(_ name: String) -> [Character] {
        Array(name.lowercased().filter { !$0.isWhitespace && !$0.isPunctuation && !$0.isSymbol })
    }

    /// Equal keys, or keys one edit apart where the edit is not a digit (`驿站1号` and `驿站2号` are
    /// two stations; `西门驿站` and `西门驛站` are one).
    static func similar(_ a: [Character], _ b: [Character]) -> Bool {
        if a == b { return true }
        guard min(a.count, b.count) >= 4, abs(a.count - b.count) <= 1 else { return false }
        let differing = Set(a).symmetricDifference(Set(b))
        guard !differing.contains(where: \.isNumber) else { return false }
        return editDistance(a, b) <= 1
    }
}
