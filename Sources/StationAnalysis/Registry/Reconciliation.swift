import StationKit

/// A second source matched against a reference registry, as Osmose's merge analysers match an
/// official list against the map: for each record of the other source, *matched* (a reference
/// record with a similar name within ``Options/radius``), a *possible match* (only one of the two:
/// the position is close but the name differs, or the name is similar but the position is
/// farther, up to ``Options/nameRadius``), or *missing from the reference*; and the reference
/// records nobody matched.
///
/// Each record is matched at most once: all candidate pairs are taken best first (matches before
/// possible matches, then by distance), so two city records cannot both claim one provincial one.
public struct Reconciliation: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case matched
        case possibleMatch = "possible-match"
        case missing = "missing-from-reference"
    }

    /// Why a pair was made: both tests, or only one of them.
    public enum Basis: String, Sendable {
        case nameAndPosition = "name-and-position"
        case position, name
    }

    /// One record of the other source and what it was matched with.
    public struct Entry: Sendable, Hashable {
        public var status: Status
        public var other: RegistryDiff.Record
        public var reference: RegistryDiff.Record?
        public var basis: Basis?
        /// Between the two positions (geodesic metres), when there is a reference record.
        public var distance: Double?
        /// The fields other than the position that differ (reference → other).
        public var fields: [FieldChange]
    }

    public struct Options: Sendable {
        /// How close a match must be (metres).
        public var radius = 100.0
        /// How far a record with a similar name may be and still be a possible match (metres).
        public var nameRadius = 1_000.0
        public init(radius: Double = 100, nameRadius: Double? = nil) {
            self.radius = radius
            self.nameRadius = max(nameRadius ?? radius * 10, radius)
        }
    }

    /// One entry per record of the other source, in its order.
    public var entries: [Entry]
    /// Reference records no other record matched, in the reference's order.
    public var unmatchedReferences: [RegistryDiff.Record]
    public var referenceCount: Int

    /// How many entries have `status`.
    public func count(_ status: Status) -> Int { entries.count { $0.status == status } }

    /// `progress`, when given, hears the fraction of the matching done (from any thread, one call at a time).
    public init(reference: LoadResult, other: LoadResult, options: Options = Options(),
                progress: (@Sendable (Double) -> Void)? = nil) {
        referenceCount = reference.stations.count
        let counter = progress.map(RegistryProgress.init)
        // Every pair within the match radius, whatever the names (few: a city block's stations).
        let close = CrossNeighbours.within(options.radius, of: other.stations.map(\.coordinate),
                                           among: reference.stations.map(\.coordinate), progress: counter, until: 0.3)
        // Every pair with similar names up to the name radius, found by name first: a city's
        // thousand stations within the name radius are never compared with each other's names.
        let (referenceKeys, otherKeys) = NameKeys.shared(reference.stations, other.stations)
        let named = SimilarNames.within(options.nameRadius, queries: other.stations, keys: otherKeys,
                                        targets: reference.stations, keys: referenceKeys, progress: counter, until: 0.9)
        var pairs: [(rank: Int, distance: Double, other: Int, reference: Int, basis: Basis)] = []
        for o in other.stations.indices {
            // Similar names: a match when close too (the close search found the same pair), else possible by name.
            for candidate in named[o] {
                let close = candidate.distance <= options.radius
                pairs.append((close ? 0 : 1, candidate.distance, o, candidate.index, close ? .nameAndPosition : .name))
            }
            // Close, and not similar: possible by position.
            for candidate in close[o] where !named[o].contains(where: { $0.index == candidate.index }) {
                pairs.append((1, candidate.distance, o, candidate.index, .position))
            }
        }
        counter?.step(to: 1, units: 1)
        pairs.sort { ($0.rank, $0.distance, $0.other, $0.reference) < ($1.rank, $1.distance, $1.other, $1.reference) }
        var partner = [Int?](repeating: nil, count: other.stations.count)
        var basisOf = [Basis?](repeating: nil, count: other.stations.count)
        var referenceTaken = [Bool](repeating: false, count: reference.stations.count)
        for pair in pairs where partner[pair.other] == nil && !referenceTaken[pair.reference] {
            partner[pair.other] = pair.reference
            basisOf[pair.other] = pair.basis
            referenceTaken[pair.reference] = true
        }
        func record(_ result: LoadResult, _ index: Int) -> RegistryDiff.Record {
            RegistryDiff.Record(station: result.stations[index], origin: result.origins[index])
        }
        entries = other.stations.indices.map { o in
            guard let r = partner[o], let basis = basisOf[o] else {
                return Entry(status: .missing, other: record(other, o), reference: nil, basis: nil, distance: nil, fields: [])
            }
            return Entry(status: basis == .nameAndPosition ? .matched : .possibleMatch, other: record(other, o),
                         reference: record(reference, r), basis: basis,
                         distance: reference.stations[r].coordinate.geodesicDistance(to: other.stations[o].coordinate),
                         fields: FieldChange.between(reference.stations[r], other.stations[o]))
        }
        unmatchedReferences = reference.stations.indices.filter { !referenceTaken[$0] }.map { record(reference, $0) }
        counter?.advance()
    }
}
