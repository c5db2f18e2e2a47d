import StationKit
import Testing
import TestSupport
@testable import StationAnalysis

/// `RegistryDiff` against the edits that made the new version: every edit must be recovered,
/// as the right kind of change, with nothing else reported.
@Suite struct RegistryDiffTests {
    /// What the diff must report for one station, by its old id (or new id for an addition).
    struct Expected: Hashable, CustomStringConvertible {
        var change: RegistryDiff.Change
        var oldID: String?
        var newID: String?
        var moved: Bool
        var fields: [String]

        var description: String { "\(change) \(oldID ?? "-")→\(newID ?? "-") moved \(moved) \(fields)" }
    }

    static func found(_ diff: RegistryDiff) -> [Expected] {
        diff.entries.map { Expected(change: $0.change, oldID: $0.old?.station.id, newID: $0.new?.station.id, moved: $0.moved,
                                    fields: $0.fields.map(\.field)) }
    }

    @Test(arguments: [1, 2, 3, 4])
    func randomEditsAreRecoveredExactly(_ seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let old = Lattice.stations(3_000, using: &rng)
        var new: [Station] = []
        var expected: [Expected] = []
        var unchanged = 0
        for station in old {
            var edited = station
            var fields: [String] = []
            var moved = false
            switch Int.random(in: 0..<20, using: &rng) {
            case 0:  // removed
                expected.append(Expected(change: .removed, oldID: station.id, newID: nil, moved: false, fields: []))
                continue
            case 1:  // a new id, the same place and name, perhaps nudged
                edited.id += "-new"
                edited = Lattice.moved(edited, metres: Double.random(in: 0...40, using: &rng))
                if Bool.random(using: &rng) { edited.phone = "13800000000"; fields.append("phone") }
                new.append(edited)
                expected.append(Expected(change: .reidentified, oldID: station.id, newID: edited.id,
                                         moved: edited.coordinate.geodesicDistance(to: station.coordinate) >= 20, fields: fields))
                continue
            case 2, 3:  // a real move
                edited = Lattice.moved(edited, metres: Double.random(in: 30...600, using: &rng))
                moved = true
            case 4:  // noise: under the threshold
                edited = Lattice.moved(edited, metres: Double.random(in: 0...15, using: &rng))
            default: break
            }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                let toggled = Amenity.allCases[Int.random(in: 0..<Amenity.allCases.count, using: &rng)]
                edited.amenities.formSymmetricDifference(AmenitySet([toggled]))
                fields.append("amenities")
            }
            if Int.random(in: 0..<8, using: &rng) == 0 { edited.openingHours = "24/7"; fields.append("opening_hours") }
            if Int.random(in: 0..<10, using: &rng) == 0 { edited.name += "（北门）"; fields.insert("name", at: 0) }
            if Int.random(in: 0..<12, using: &rng) == 0 {
                edited.kind = Kind.allCases[(Kind.allCases.firstIndex(of: edited.kind)! + 1) % 3]
                fields.insert("kind", at: fields.first == "name" ? 1 : 0)
            }
            new.append(edited)
            if fields.isEmpty && !moved { unchanged += 1; continue }
            expected.append(Expected(change: fields.isEmpty ? .moved : .changed, oldID: station.id, newID: station.id,
                                     moved: moved, fields: fields))
        }
        for number in 5_000..<5_100 {
            let added = Lattice.station(number, using: &rng)
            new.append(added)
            expected.append(Expected(change: .added, oldID: nil, newID: added.id, moved: false, fields: []))
        }
        new.shuffle(using: &rng)
        let diff = RegistryDiff(old: Lattice.result(old, file: "old.csv"), new: Lattice.result(new, file: "new.csv"))
        #expect(Set(Self.found(diff)) == Set(expected))
        #expect(diff.entries.count == expected.count, "nothing reported twice")
        #expect(diff.unchanged == unchanged)
        #expect(diff.oldCount == old.count && diff.newCount == new.count)
        // Sorted by change, then id, whatever order the files had.
        #expect(diff.entries.map { [$0.change.rawValue, $0.id] } == diff.entries.sorted { ($0.change, $0.id) < ($1.change, $1.id) }.map { [$0.change.rawValue, $0.id] })
    }

    @Test func amenityChangesSayWhatWasGainedAndLost() throws {
        var rng = SeededGenerator(seed: 9)
        var a = Lattice.station(1, using: &rng)
        a.amenities = [.shower, .toilet, .wifi]
        var b = a
        b.amenities = [.toilet, .parking, .shower, .laundry]
        let diff = RegistryDiff(old: Lattice.result([a], file: "a"), new: Lattice.result([b], file: "b"))
        let change = try #require(diff.entries.first?.fields.first)
        #expect(change.field == "amenities")
        #expect(change.old == "shower;toilet;wifi")
        #expect(change.new == "shower;toilet;laundry;parking")
        #expect(change.gained == [.laundry, .parking])
        #expect(change.lost == [.wifi])
    }

    @Test func aNewIDFarAwayOrWithAnotherNameIsARemovalAndAnAddition() {
        var rng = SeededGenerator(seed: 10)
        let a = Lattice.station(1, using: &rng)
        var far = Lattice.moved(a, metres: 80)
        far.id = "far"
        var renamed = a
        renamed.id = "renamed"
        renamed.name = "太原市第2号工会驿站"  // one digit apart: another station
        for b in [far, renamed] {
            let diff = RegistryDiff(old: Lattice.result([a], file: "a"), new: Lattice.result([b], file: "b"))
            #expect(diff.entries.map(\.change) == [.removed, .added])
        }
        // Within the radius and one (non-digit) character apart: the same station.
        var variant = Lattice.moved(a, metres: 30)
        variant.id = "variant"
        variant.name = a.name.replacingOccurrences(of: "驿", with: "驛")
        let diff = RegistryDiff(old: Lattice.result([a], file: "a"), new: Lattice.result([variant], file: "b"))
        #expect(diff.entries.map(\.change) == [.reidentified])
        #expect(diff.entries.first?.moved == true)
        #expect(diff.entries.first?.fields.map(\.field) == ["name"])
    }

    @Test func eachRecordIsReidentifiedOnceNearestFirst() {
        var rng = SeededGenerator(seed: 11)
        let a = Lattice.station(1, using: &rng)
        var near = Lattice.moved(a, metres: 10), nearer = Lattice.moved(a, metres: 5)
        near.id = "near"
        nearer.id = "nearer"
        let diff = RegistryDiff(old: Lattice.result([a], file: "a"), new: Lattice.result([near, nearer], file: "b"))
        #expect(diff.entries.map { "\($0.change):\($0.id)" } == ["added:near", "reidentified:nearer"])
    }
}
