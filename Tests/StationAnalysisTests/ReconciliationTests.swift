import StationKit
import Testing
import TestSupport
@testable import StationAnalysis

/// `Reconciliation` against a second source made from the reference by known edits.
@Suite struct ReconciliationTests {
    struct Expected: Hashable, CustomStringConvertible {
        var other: String
        var status: Reconciliation.Status
        var reference: String?
        var basis: Reconciliation.Basis?
        var fields: [String]

        var description: String { "\(other) \(status) \(reference ?? "-") \(basis?.rawValue ?? "-") \(fields)" }
    }

    @Test(arguments: [21, 22, 23])
    func everyEditIsClassifiedAsMade(_ seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let reference = Lattice.stations(3_000, using: &rng)
        var other: [Station] = []
        var expected: [Expected] = []
        var matchedReferences = Set<String>()
        for station in reference {
            var copy = station
            copy.id = "city-" + station.id  // two sources rarely share ids
            switch Int.random(in: 0..<10, using: &rng) {
            case 0, 1:  // not in the other source
                continue
            case 2:  // named differently on the same spot: possible (position)
                copy.name = "城区环卫休息点"
                copy = Lattice.moved(copy, metres: Double.random(in: 0...80, using: &rng))
                expected.append(Expected(other: copy.id, status: .possibleMatch, reference: station.id, basis: .position, fields: ["name"]))
            case 3:  // the same name, placed 150–900 m off: possible (name)
                copy = Lattice.moved(copy, metres: Double.random(in: 150...900, using: &rng))
                expected.append(Expected(other: copy.id, status: .possibleMatch, reference: station.id, basis: .name, fields: []))
            case 4:  // matched, with a field that differs
                copy.phone = "13800000000"
                copy = Lattice.moved(copy, metres: Double.random(in: 0...90, using: &rng))
                expected.append(Expected(other: copy.id, status: .matched, reference: station.id, basis: .nameAndPosition, fields: ["phone"]))
            default:  // matched as it is, give or take a geocoder's metres
                copy = Lattice.moved(copy, metres: Double.random(in: 0...90, using: &rng))
                expected.append(Expected(other: copy.id, status: .matched, reference: station.id, basis: .nameAndPosition, fields: []))
            }
            matchedReferences.insert(station.id)
            other.append(copy)
        }
        for number in 6_000..<6_050 {  // rows no reference station is in
            var added = Lattice.station(number, using: &rng)
            added.id = "city-new-\(number)"
            other.append(added)
            expected.append(Expected(other: added.id, status: .missing, reference: nil, basis: nil, fields: []))
        }
        other.shuffle(using: &rng)
        let result = Reconciliation(reference: Lattice.result(reference, file: "province.csv"), other: Lattice.result(other, file: "city.csv"))
        let found = result.entries.map {
            Expected(other: $0.other.station.id, status: $0.status, reference: $0.reference?.station.id, basis: $0.basis, fields: $0.fields.map(\.field))
        }
        #expect(Set(found) == Set(expected))
        #expect(result.entries.map(\.other.station.id) == other.map(\.id), "one entry per record, in the other file's order")
        #expect(result.unmatchedReferences.map(\.station.id) == reference.map(\.id).filter { !matchedReferences.contains($0) })
    }

    @Test func aReferenceRecordIsClaimedOnceAndTheBetterPairWins() {
        var rng = SeededGenerator(seed: 30)
        let provincial = Lattice.station(1, using: &rng)
        var exact = provincial, renamed = Lattice.moved(provincial, metres: 2)
        exact.id = "exact"
        exact = Lattice.moved(exact, metres: 60)
        renamed.id = "renamed"
        renamed.name = "另一个名字"
        // The renamed record is nearer, but a match (name and position) beats a possible match.
        let result = Reconciliation(reference: Lattice.result([provincial], file: "p"), other: Lattice.result([renamed, exact], file: "c"))
        #expect(result.entries.map { "\($0.other.station.id):\($0.status.rawValue)" } == ["renamed:missing-from-reference", "exact:matched"])
        #expect(result.unmatchedReferences.isEmpty)
    }

    @Test func theNameRadiusBoundsPossibleMatches() {
        var rng = SeededGenerator(seed: 31)
        let provincial = Lattice.station(1, using: &rng)
        var far = Lattice.moved(provincial, metres: 1_500)
        far.id = "far"
        let narrow = Reconciliation(reference: Lattice.result([provincial], file: "p"), other: Lattice.result([far], file: "c"))
        #expect(narrow.entries.map(\.status) == [.missing])
        let wide = Reconciliation(reference: Lattice.result([provincial], file: "p"), other: Lattice.result([far], file: "c"),
                                  options: Reconciliation.Options(radius: 100, nameRadius: 2_000))
        #expect(wide.entries.map(\.status) == [.possibleMatch])
        #expect(wide.entries.first?.basis == .name)
    }
}
