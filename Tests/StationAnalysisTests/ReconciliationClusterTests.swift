import StationKit
import Testing
import TestSupport
@testable import StationAnalysis

/// `Reconciliation` where names repeat: a few hundred stations in one small cluster, named from a
/// short list of equal, nearly equal (one letter, punctuation, case, the digit rule's edge cases)
/// and unrelated names, so most pairs within the name radius share a name or nearly do. Checked
/// pair by pair against the definition: every reference record within the name radius of every
/// other record, names compared with ``NameSimilarity`` (no grid, no name index).
@Suite struct ReconciliationClusterTests {
    static let names = [
        "工会驿站", "工会驿站 ", "工会驛站", "工会驿站（西门）", "工会驿站西门", "工会驿站·西门", "工会驿站东门",
        "环卫工人驿站", "环卫工人驛站", "环卫工人驿站1", "站点1", "站点11", "站点12", "站点1号", "站点2号",
        "司机之家", "司机之家a", "司机 之家", "驿站", "驿", "Station A", "station-a", "STATION AB", "！！", "",
        "太原市第1号工会驿站", "太原市第11号工会驿站", "太原市第2号工会驿站", "太原市第1号工会驿站店",
    ]

    static func cluster(_ count: Int, prefix: String, spread: Double, using rng: inout SeededGenerator) -> [Station] {
        (0..<count).map { number in
            Station(id: "\(prefix)-\(number)", name: names[Int.random(in: 0..<names.count, using: &rng)], kind: .outdoorWorkerStation,
                    coordinate: Coordinate(latitude: 37.87 + Double.random(in: -spread...spread, using: &rng),
                                           longitude: 112.55 + Double.random(in: -spread...spread, using: &rng)),
                    amenities: [], address: "", province: "山西省", city: "太原市", openingHours: "", phone: "", operator: "")
        }
    }

    /// The reconciliation by its definition, all pairs.
    static func bruteForce(reference: [Station], other: [Station], options: Reconciliation.Options)
        -> (entries: [String], unmatched: [String]) {
        var pairs: [(rank: Int, distance: Double, other: Int, reference: Int, basis: Reconciliation.Basis)] = []
        for (o, station) in other.enumerated() {
            for (r, candidate) in reference.enumerated() {
                let distance = station.coordinate.geodesicDistance(to: candidate.coordinate)
                guard distance <= options.nameRadius else { continue }
                let similar = NameSimilarity.similar(station.name, candidate.name), close = distance <= options.radius
                guard similar || close else { continue }
                let basis: Reconciliation.Basis = similar && close ? .nameAndPosition : close ? .position : .name
                pairs.append((basis == .nameAndPosition ? 0 : 1, distance, o, r, basis))
            }
        }
        pairs.sort { ($0.rank, $0.distance, $0.other, $0.reference) < ($1.rank, $1.distance, $1.other, $1.reference) }
        var partner = [(Int, Reconciliation.Basis)?](repeating: nil, count: other.count)
        var taken = [Bool](repeating: false, count: reference.count)
        for pair in pairs where partner[pair.other] == nil && !taken[pair.reference] {
            partner[pair.other] = (pair.reference, pair.basis)
            taken[pair.reference] = true
        }
        let entries = other.indices.map { o in
            guard let (r, basis) = partner[o] else { return "\(other[o].id) missing" }
            return "\(other[o].id) \(basis.rawValue) \(reference[r].id) \(reference[r].coordinate.geodesicDistance(to: other[o].coordinate))"
        }
        return (entries, reference.indices.filter { !taken[$0] }.map { reference[$0].id })
    }

    @Test(arguments: [(41, 100.0, nil), (42, 100.0, nil), (43, 30.0, 300.0), (44, 250.0, 2_000.0)] as [(UInt64, Double, Double?)])
    func sameNamesInOneClusterPairAsByDefinition(_ seed: UInt64, _ radius: Double, _ nameRadius: Double?) {
        var rng = SeededGenerator(seed: seed)
        // About 3 km across: every pair is within a few name radii, most within one.
        let reference = Self.cluster(300, prefix: "p", spread: 0.015, using: &rng)
        var other = Self.cluster(250, prefix: "c", spread: 0.015, using: &rng)
        // And some exactly on a reference record, under its name or another.
        for number in 0..<50 {
            var copy = reference[Int.random(in: 0..<reference.count, using: &rng)]
            copy.id = "same-\(number)"
            if Bool.random(using: &rng) { copy.name = Self.names[Int.random(in: 0..<Self.names.count, using: &rng)] }
            other.append(copy)
        }
        other.shuffle(using: &rng)
        let options = Reconciliation.Options(radius: radius, nameRadius: nameRadius)
        let result = Reconciliation(reference: Lattice.result(reference, file: "p"), other: Lattice.result(other, file: "c"), options: options)
        let expected = Self.bruteForce(reference: reference, other: other, options: options)
        let found = result.entries.map { entry in
            guard let match = entry.reference, let basis = entry.basis, let distance = entry.distance else { return "\(entry.other.station.id) missing" }
            return "\(entry.other.station.id) \(basis.rawValue) \(match.station.id) \(distance)"
        }
        #expect(found == expected.entries)
        #expect(result.unmatchedReferences.map(\.station.id) == expected.unmatched)
        // The list is meant to exercise every kind of pair.
        #expect(Set(result.entries.compactMap(\.basis)) == [.nameAndPosition, .name, .position])
    }

    @Test func progressRunsFromZeroToOne() {
        var rng = SeededGenerator(seed: 45)
        let reference = Self.cluster(200, prefix: "p", spread: 0.01, using: &rng)
        let other = Self.cluster(200, prefix: "c", spread: 0.01, using: &rng)
        final class Heard: @unchecked Sendable { var fractions: [Double] = [] }
        let heard = Heard()
        _ = Reconciliation(reference: Lattice.result(reference, file: "p"), other: Lattice.result(other, file: "c"),
                           progress: { heard.fractions.append($0) })
        #expect(heard.fractions.first == 0)
        #expect(heard.fractions.last == 1)
        #expect(heard.fractions == heard.fractions.sorted())
    }
}
