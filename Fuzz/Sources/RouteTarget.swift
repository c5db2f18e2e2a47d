/// The GeoJSON route reader on arbitrary text, then a corridor search along what it read.
enum RouteTarget {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        // The CLI refuses a route file that is not UTF-8 before it reaches the reader.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let choices = FuzzChoices(bytes)
        let reading: GeoJSONRouteReader.Reading
        do throws(RouteError) {
            reading = try GeoJSONRouteReader.read(text, file: "fuzz.geojson", datum: choices.pick([.wgs84, .gcj02, .bd09], bits: 0))
        } catch {
            _ = error.description
            return
        }
        let route = reading.route
        fuzzCheck(route.length.isFinite && route.length >= 0, "route length \(route.length)")
        fuzzCheck(route.parts.allSatisfy { $0.count >= 2 && $0.allSatisfy(\.isValid) }, "a route with a short part or an invalid point")

        let width = choices.pick([0.0, 100, 5_000, 50_000], bits: 2)
        let filter = choices.flag(4) ? StationFilter() : StationFilter(need: [.shower])
        let matches = FuzzStations.index.along(route, within: width, filter: filter)
        for (match, next) in zip(matches, matches.dropFirst()) {
            fuzzCheck(match.distanceAlong <= next.distanceAlong, "matches out of order along the route: \(match), \(next)")
        }
        for match in matches {
            fuzzCheck(match.detour <= width, "a match \(match.detour) m off a corridor of \(width) m")
            fuzzCheck(match.distanceAlong.isFinite && match.closestPoint.isValid, "a match with no place on the route: \(match)")
        }
        _ = FuzzStations.index.onePerStretch(matches, every: choices.pick([1_000.0, 200_000], bits: 5), routeLength: route.length)
    }
}
