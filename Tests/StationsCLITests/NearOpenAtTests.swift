import Foundation
import Testing
@testable import StationKit
@testable import StationsCLI
import TestSupport

/// `near --open-at`: the open stations nearest first, then those with unknown hours, checked
/// against sorting every station by distance and asking each whether it is open.
@Suite struct NearOpenAtTests {
    static let index = StationIndex(StationLoader.loadDefault().stations)

    @Test(arguments: [UInt64(11), 12, 13])
    func openAnswersMatchBruteForce(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let stations = Array(Self.index.stations)
        for _ in 0..<40 {
            // Points near stations (so answers are local), at any minute of a week in late 2026.
            let base = stations.randomElement(using: &rng)!.coordinate
            let point = Coordinate(latitude: base.latitude + Double.random(in: -0.3...0.3, using: &rng),
                                   longitude: base.longitude + Double.random(in: -0.3...0.3, using: &rng))
            let date = Date(timeIntervalSince1970: 1_795_000_000 + Double(Int.random(in: 0..<(7 * 1440), using: &rng) * 60))
            let need: AmenitySet = Bool.random(using: &rng) ? [.shower] : []
            let limit = Int.random(in: 1...6, using: &rng)
            let query = NearQuery(point: point, filter: StationFilter(need: need), limit: limit, maxDistance: nil,
                                  pointAsGiven: point, openAt: date)
            let answer = query.answer(in: Self.index)

            let ranked = stations.indices.filter { stations[$0].amenities.isSuperset(of: need) }
                .map { (index: $0, distance: point.geodesicDistance(to: stations[$0].coordinate)) }
                .sorted { ($0.distance, stations[$0.index].id) < ($1.distance, stations[$1.index].id) }
            let open = ranked.filter { stations[$0.index].openingState(at: date) == .open }.prefix(limit)
            #expect(answer.matches.map(\.index) == open.map(\.index))
            let reach = open.count == limit ? open.last!.distance : .infinity
            let unknown = ranked.filter { stations[$0.index].openingState(at: date) == .unknown && $0.distance <= reach }.prefix(limit)
            #expect(answer.hoursUnknown.map(\.index) == unknown.map(\.index))
            // Nothing closed is ever listed.
            #expect((answer.matches + answer.hoursUnknown).allSatisfy { stations[$0.index].openingState(at: date) != .closed })
        }
    }

    @Test func jsonSaysWhenAndListsUnknownHours() throws {
        let output = try runInProcess(["near", "37.9,112.5", "--open-at", "2026-11-21T23:30", "--format", "json"]).output
        let root = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect((root["query"] as? [String: Any])?["open_at"] as? String == "2026-11-21T23:30+08:00")
        #expect(!((root["hours_unknown"] as? [Any]) ?? []).isEmpty)
    }

    @Test func openAtIsRefusedWithBatch() {
        #expect(throws: (any Error).self) { try runInProcess(["near", "--batch", "-", "--open-now"]) }
    }
}

