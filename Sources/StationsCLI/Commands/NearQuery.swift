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
    }

    func answer(in index: StationIndex) -> Answer {
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
