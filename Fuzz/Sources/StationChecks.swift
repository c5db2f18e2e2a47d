import Foundation

/// Checks every reader's result must pass, and the index the rest of the program would build
/// from it (an index over what a reader accepted must never trap).
enum StationChecks {
    /// A fixed moment (2026-11-21 14:00 China time), so a run is reproducible.
    static let sampleDate = Date(timeIntervalSince1970: 1_795_240_800)

    static func check(_ result: LoadResult) {
        fuzzCheck(result.origins.count == result.stations.count, "\(result.origins.count) origins for \(result.stations.count) stations")
        fuzzCheck(result.stations.allSatisfy { $0.coordinate.isValid }, "a station with an invalid coordinate was accepted")
        fuzzCheck(Set(result.stations.map(\.id)).count == result.stations.count, "duplicate station ids were accepted")
        // Hours that failed to parse are "unknown"; evaluating any text a reader let through must not trap.
        for station in result.stations.prefix(8) where !station.openingHours.isEmpty {
            _ = station.openingState(at: sampleDate)
        }
        guard let first = result.stations.first else { return }
        let index = StationIndex(result.stations)
        let nearest = index.nearest(to: first.coordinate, limit: 3)
        fuzzCheck(!nearest.isEmpty && nearest[0].distance == 0, "the nearest station to a station is not itself: \(nearest)")
    }
}
