import StationKit

/// Two stations within 50 m with the same or nearly the same name: one station entered twice.
/// Pairs come from a fine grid (``NeighbourGrid``), never from comparing all pairs.
struct DuplicateNearbyRule: AuditRule {
    static let id = "duplicate-nearby"
    static let severity = AuditSeverity.warning
    static let summary = "same or very similar name within 50 m (entered twice?)"

    /// How close two stations must be to count as one place.
    static let radius = 50.0

    func findings(in audit: AuditContext) -> [AuditFinding] {
        let data = audit.data
        return parallelFindings(count: data.stations.count) { later, findings in
            let earlier = data.neighbours[later].filter { $0.index < later && $0.distance <= Self.radius }
            guard !earlier.isEmpty else { return }
            // Names are compared only here, for the few stations with a close neighbour.
            let key = Self.nameKey(data.stations[later].name)
            guard !key.isEmpty else { return }
            // The earliest similar station within the radius; the later record is the one flagged.
            let match = earlier.filter { Self.similar(Self.nameKey(data.stations[$0.index].name), key) }
                .min { $0.index < $1.index }
            guard let match else { return }
            let station = data.stations[later]
            let other = data.stations[match.index]
            let otherOrigin = data.sources[data.sourceOfStation[match.index]].origin
            let there = otherOrigin.file == data.sources[data.sourceOfStation[later]].origin.file ? "\(otherOrigin.location)" : "\(otherOrigin)"
            let sameness = Self.nameKey(other.name) == key ? "the same name as" : "nearly the same name as"
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
