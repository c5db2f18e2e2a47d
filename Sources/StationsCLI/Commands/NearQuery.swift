import Foundation
import StationKit

/// One `near` question and everything its answer needs to explain itself.
struct NearQuery {
    /// The query point in WGS84 (converted from the user's datum).
    var point: Coordinate
    var filter: StationFilter
    var limit: Int
    var maxDistance: Double?
    /// The datum the user speaks: the point was given in it, and positions are written in it.
    var datum: Datum = .wgs84
    /// The point exactly as given, in ``datum``.
    var pointAsGiven: Coordinate
    /// With --open-now / --open-at: only stations open then (and, after them, those whose hours are unknown).
    var openAt: Date? = nil

    /// A station that has some but not all of the need.
    struct PartialMatch {
        var match: Match
        var lacking: AmenitySet
    }

    struct Answer {
        var query: NearQuery
        var matches: [Match]
        /// When nothing matched: the nearest stations with part of the need (or, with no need, beyond --within).
        var partial: [PartialMatch] = []
        /// When nothing matched within --within: the nearest full match at any distance.
        var nearestBeyondLimit: Match?
        /// With an opening time: matching stations whose hours are unknown or unreadable, no farther
        /// than the last open answer; listed after the open ones, never dropped.
        var hoursUnknown: [Match] = []
    }

    func answer(in index: StationIndex) -> Answer {
        if let openAt { return answerOpen(at: openAt, in: index) }
        let matches = index.nearest(to: point, limit: limit, filter: filter, maxDistance: maxDistance)
        var answer = Answer(query: self, matches: matches)
        guard matches.isEmpty else { return answer }
        if maxDistance != nil {
            answer.nearestBeyondLimit = index.nearest(to: point, limit: 1, filter: filter).first
        }
        if !filter.need.isEmpty {
            answer.partial = partialMatches(in: index)
        }
        return answer
    }

    /// The `limit` nearest stations open at `date`, and the unknown-hours ones among them. The
    /// search widens (4× each time) until it has `limit` open stations or has seen every match.
    private func answerOpen(at date: Date, in index: StationIndex) -> Answer {
        var wanted = limit
        while true {
            let candidates = index.nearest(to: point, limit: wanted, filter: filter, maxDistance: maxDistance)
            let (open, unknown) = OpeningOrder.arrange(candidates) { index.stations[$0.index].openingState(at: date) }
            let exhausted = candidates.count < wanted
            if open.count >= limit || exhausted {
                let shown = Array(open.prefix(limit))
                // Unknown hours nearer than the last open answer (all of them when fewer are open).
                let reach = shown.count == limit ? shown.last!.distance : .infinity
                var answer = Answer(query: self, matches: shown)
                answer.hoursUnknown = Array(unknown.filter { $0.distance <= reach }.prefix(limit))
                return answer
            }
            wanted *= 4
        }
    }

    /// The `limit` nearest stations that have at least one needed amenity (same kinds and distance).
    /// They are among the union of the nearest for each single amenity, so that union is all we search.
    private func partialMatches(in index: StationIndex) -> [PartialMatch] {
        var candidates: [Int: Match] = [:]
        for amenity in filter.need.members {
            let single = StationFilter(need: AmenitySet(rawValue: amenity.bit), kinds: filter.kinds)
            for match in index.nearest(to: point, limit: limit, filter: single, maxDistance: maxDistance) {
                candidates[match.index] = match
            }
        }
        let ordered = candidates.values.sorted {
            $0.distance != $1.distance ? $0.distance < $1.distance : index.stations[$0.index].id < index.stations[$1.index].id
        }
        return ordered.prefix(limit).map {
            PartialMatch(match: $0, lacking: filter.need.subtracting(index.stations[$0.index].amenities))
        }
    }
}
