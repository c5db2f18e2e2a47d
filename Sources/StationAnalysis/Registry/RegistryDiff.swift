import Dispatch
import StationKit

/// What changed between two versions of a registry, record by record.
///
/// Records are matched by id first. Of those left over, an old and a new record that are the
/// same station under a new id (a similar name within ``Options/reidentifyRadius``, the audit's
/// duplicate test) are *re-identified*, not one removal plus one addition. A matched record
/// that moved less than ``Options/moveThreshold`` has not moved: geocoders and hand edits shift
/// positions by metres without meaning anything.
public struct RegistryDiff: Sendable {
    /// How a record changed; the raw values are the stable names of the JSON schema.
    public enum Change: String, Sendable, CaseIterable, Comparable {
        case removed, added, reidentified, moved, changed

        public static func < (lhs: Change, rhs: Change) -> Bool { lhs.rank < rhs.rank }

        /// The position in ``allCases``.
        var rank: Int {
            switch self {
            case .removed: 0
            case .added: 1
            case .reidentified: 2
            case .moved: 3
            case .changed: 4
            }
        }
    }

    /// One record of either version, and where it was read.
    public struct Record: Sendable, Hashable {
        public var station: Station
        public var origin: RecordOrigin
    }

    /// One change. `old` is nil for an addition, `new` for a removal.
    public struct Entry: Sendable, Hashable {
        public var change: Change
        public var old: Record?
        public var new: Record?
        /// Between the two positions, when there are two (geodesic metres).
        public var distance: Double?
        /// Whether the record moved by at least the threshold (for `changed` and `reidentified` too).
        public var moved: Bool
        /// The fields other than the position that differ.
        public var fields: [FieldChange]

        /// The id the entry is known by: the new one, or the old one for a removal.
        public var id: String { (new ?? old)!.station.id }
    }

    public struct Options: Sendable {
        /// Moves shorter than this (metres) are noise.
        public var moveThreshold = 20.0
        /// How close an old and a new record with similar names must be to be re-identified.
        public var reidentifyRadius = 50.0
        public init(moveThreshold: Double = 20, reidentifyRadius: Double = 50) {
            self.moveThreshold = moveThreshold
            self.reidentifyRadius = reidentifyRadius
        }
    }

    /// Every change, by ``Change`` order, then by id.
    public var entries: [Entry]
    /// Records present in both versions with the same id, the same fields, and no move.
    public var unchanged: Int
    public var oldCount: Int
    public var newCount: Int

    /// How many entries are of `change`.
    public func count(_ change: Change) -> Int { entries.count { $0.change == change } }

    /// Compares `old` with `new` (their valid stations; bad records are the loader's to report).
    /// `progress`, when given, hears the fraction of the matching done (from any thread, one call at a time).
    public init(old: LoadResult, new: LoadResult, options: Options = Options(), progress: (@Sendable (Double) -> Void)? = nil) {
        oldCount = old.stations.count
        newCount = new.stations.count
        let counter = progress.map(RegistryProgress.init)
        var entries: [Entry] = []
        var unchanged = 0
        var newByID: [String: Int] = [:]
        newByID.reserveCapacity(new.stations.count)
        for (index, station) in new.stations.enumerated() { newByID[station.id] = index }
        var matchedNew = [Bool](repeating: false, count: new.stations.count)
        var leftOld: [Int] = []
        func record(_ result: LoadResult, _ index: Int) -> Record { Record(station: result.stations[index], origin: result.origins[index]) }
        @Sendable func entry(_ change: Change?, old o: Int, new n: Int) -> Entry? {
            let a = old.stations[o], b = new.stations[n]
            let distance = a.coordinate.geodesicDistance(to: b.coordinate)
            let moved = distance >= options.moveThreshold
            let fields = FieldChange.between(a, b)
            let kind = change ?? (fields.isEmpty ? (moved ? .moved : nil) : .changed)
            guard let kind else { return nil }
            return Entry(change: kind, old: Record(station: a, origin: old.origins[o]), new: Record(station: b, origin: new.origins[n]),
                         distance: distance, moved: moved, fields: fields)
        }
        // Records by id, on all cores in chunks of old records; the chunks' findings are joined in
        // order, so the result is the serial one.
        struct Part { var entries: [Entry] = [], unchanged = 0, leftOld: [Int] = [], matched: [Int] = [] }
        let chunk = 16_384, chunks = (old.stations.count + chunk - 1) / chunk
        let parts = UnsafeMutableBufferPointer<Part>.allocate(capacity: max(chunks, 1))
        parts.initialize(repeating: Part())
        defer { parts.deinitialize(); parts.deallocate() }
        nonisolated(unsafe) let shared = parts
        let lookup = newByID
        counter?.step(to: 0.8, units: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { number in
            var part = Part()
            for index in number * chunk..<min(old.stations.count, (number + 1) * chunk) {
                guard let match = lookup[old.stations[index].id] else { part.leftOld.append(index); continue }
                part.matched.append(match)
                if let found = entry(nil, old: index, new: match) { part.entries.append(found) } else { part.unchanged += 1 }
            }
            shared[number] = part
            counter?.advance()
        }
        for part in parts {
            entries += part.entries
            unchanged += part.unchanged
            leftOld += part.leftOld
            for match in part.matched { matchedNew[match] = true }
        }
        let leftNew = matchedNew.indices.filter { !matchedNew[$0] }
        // Re-identification: nearest similar pairs first, each record used once.
        let near = CrossNeighbours.within(options.reidentifyRadius, of: leftOld.map { old.stations[$0].coordinate },
                                          among: leftNew.map { new.stations[$0].coordinate }, progress: counter, until: 0.95)
        var pairs: [(distance: Double, old: Int, new: Int)] = []
        for (position, candidates) in near.enumerated() {
            let o = leftOld[position]
            for candidate in candidates where NameSimilarity.similar(old.stations[o].name, new.stations[leftNew[candidate.index]].name) {
                pairs.append((candidate.distance, o, leftNew[candidate.index]))
            }
        }
        pairs.sort { ($0.distance, $0.old, $0.new) < ($1.distance, $1.old, $1.new) }
        var takenOld = Set<Int>(), takenNew = Set<Int>()
        for pair in pairs where !takenOld.contains(pair.old) && !takenNew.contains(pair.new) {
            takenOld.insert(pair.old)
            takenNew.insert(pair.new)
            entries.append(entry(.reidentified, old: pair.old, new: pair.new)!)
        }
        for o in leftOld where !takenOld.contains(o) {
            entries.append(Entry(change: .removed, old: record(old, o), new: nil, distance: nil, moved: false, fields: []))
        }
        for n in leftNew where !takenNew.contains(n) {
            entries.append(Entry(change: .added, old: nil, new: record(new, n), distance: nil, moved: false, fields: []))
        }
        counter?.step(to: 1, units: 1)
        // The sort keys once per entry (an entry's id is a computed property, its change's order a
        // search), then the entries in the order of their keys.
        let keys = entries.map { (rank: $0.change.rank, id: $0.id, oldID: $0.old?.station.id ?? "") }
        var order = Array(entries.indices)
        order.sort { (keys[$0].rank, keys[$0].id, keys[$0].oldID) < (keys[$1].rank, keys[$1].id, keys[$1].oldID) }
        self.entries = order.map { entries[$0] }
        self.unchanged = unchanged
        counter?.advance()
    }
}
