import Foundation
import StationKit

/// One `along` question and everything its answer needs to explain itself.
struct AlongQuery {
    var route: Route
    /// The route file's name, or `inline`.
    var routeSource: String
    /// Corridor half-width, metres.
    var width: Double
    var filter: StationFilter
    /// Stretch length for one station per stretch, metres; nil lists every station.
    var every: Double?
    /// Only stations open at this instant (with the unknown-hours ones after them); nil asks nothing.
    var openAt: Date?
    /// The datum the user speaks: positions are written in it.
    var datum: Datum = .wgs84

    /// One listed station.
    struct Result {
        var match: RouteMatch
        /// `.open` or `.unknown` when the question was asked, else nil.
        var opening: OpeningState?
        /// The stretch it was picked for (with `every`).
        var stretch: Int?
    }

    struct Answer {
        var query: AlongQuery
        /// Open stations in route order, then those with unknown hours in route order (closed ones
        /// left out); without an opening question, every station in route order.
        var results: [Result]
        /// With `every`: each stretch and its pick (nil pick: no station there).
        var stretches: [RouteStretch] = []
        /// Stations in the corridor left out because they are closed at ``AlongQuery/openAt``.
        var closedCount = 0
        var stationsSearched: Int
    }

    func answer(in index: StationIndex) -> Answer {
        let matches = index.along(route, within: width, filter: filter)
        var open = matches, unknown: [RouteMatch] = []
        if let openAt {
            (open, unknown) = OpeningOrder.arrange(matches) { index.stations[$0.index].openingState(at: openAt) }
        }
        var answer = Answer(query: self, results: [], closedCount: matches.count - open.count - unknown.count,
                            stationsSearched: index.count)
        let state: OpeningState? = openAt == nil ? nil : .open
        guard let every else {
            answer.results = open.map { Result(match: $0, opening: state) } + unknown.map { Result(match: $0, opening: .unknown) }
            return answer
        }
        // A stretch takes its best open station; only a stretch with none open falls back to a
        // station whose hours are unknown, which is then listed after the open ones, marked.
        let openPicks = index.onePerStretch(open, every: every, routeLength: route.length)
        let unknownPicks = index.onePerStretch(unknown, every: every, routeLength: route.length)
        var fallback: [Result] = []
        for (number, (best, other)) in zip(openPicks, unknownPicks).enumerated() {
            var stretch = best
            if let pick = best.pick {
                answer.results.append(Result(match: pick, opening: state, stretch: number))
            } else if let pick = other.pick {
                stretch.pick = pick
                fallback.append(Result(match: pick, opening: .unknown, stretch: number))
            }
            answer.stretches.append(stretch)
        }
        answer.results += fallback
        return answer
    }
}
