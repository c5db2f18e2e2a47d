import Foundation
import StationKit

extension StationsAPI {
    /// `POST /v1/along` with a GeoJSON route as the body, or `GET|POST /v1/along?route=LAT,LON;LAT,LON…`:
    /// what `stations along ROUTE … --format json|geojson` prints.
    func along(_ request: APIRequest, data: ServedData) throws(APIProblem) -> APIResponse {
        let parameters = try APIParameters(request, known: Self.parameters["/v1/along"]!)
        let datum = try parameters.datum()
        let loaded = try Self.route(request, parameters: parameters, datum: datum, limit: limits.maxBodyBytes)
        let width = try parameters.parse("within") { try DistanceArgument.parse($0) } ?? 2000
        guard width <= AlongCommand.widestCorridor else {
            throw .badParameter("within", parameters.value("within"), "within is at most \(NearOutput.formatLimit(AlongCommand.widestCorridor))")
        }
        let every = try parameters.parse("every") { try DistanceArgument.parse($0) }
        if let every, !(every > 0) { throw .badParameter("every", parameters.value("every"), "every must be longer than 0, e.g. 200km") }
        let format = try Self.format(parameters, among: ["json", "geojson"])
        let withRoute = try parameters.bool("with_route")
        if withRoute && format != "geojson" {
            throw .badParameter("with_route", parameters.value("with_route"), "with_route adds a feature to GeoJSON; use it with format=geojson")
        }
        let query = AlongQuery(route: loaded.route, routeSource: loaded.source, width: width,
                               filter: StationFilter(need: try parameters.need(), kinds: try parameters.kinds()),
                               every: every, openAt: try Self.openTime(parameters), datum: datum)
        let view = AlongAnswerView(answer: query.answer(in: data.index), index: data.index)
        return format == "geojson" ? .geoJSON(AlongOutput.geoJSON(view, withRoute: withRoute)) : .json(AlongOutput.json(view))
    }

    /// The route from `route=` (inline points) or from a GeoJSON body, never both.
    static func route(_ request: APIRequest, parameters: APIParameters, datum: Datum, limit: Int) throws(APIProblem) -> RouteArgument.Loaded {
        if let inline = parameters.value("route") {
            guard request.body.isEmpty else {
                throw .badParameter("route", inline, "give the route either as route=LAT,LON;LAT,LON or as a GeoJSON body, not both")
            }
            let points: [Coordinate]
            do { points = try RouteArgument.parseInline(inline) } catch {
                throw .badParameter("route", inline, error.message)
            }
            do {
                return RouteArgument.Loaded(route: try Route(parts: [points.map { $0.converted(from: datum, to: .wgs84) }]), source: "inline")
            } catch {
                throw .badParameter("route", inline, error.message)
            }
        }
        guard !request.body.isEmpty else {
            throw APIProblem(status: 400, title: "Missing route",
                             detail: "give route=LAT,LON;LAT,LON (e.g. route=40.657,109.840;41.69,110.43) or POST a GeoJSON LineString")
        }
        guard request.body.count <= limit else { throw tooLarge(request.body.count, limit: limit) }
        guard let text = String(data: request.body, encoding: .utf8) else {
            throw APIProblem(status: 400, title: "Bad route", detail: "the body is not UTF-8 text; GeoJSON is UTF-8")
        }
        do {
            let reading = try GeoJSONRouteReader.read(text, file: "body", datum: datum)
            return RouteArgument.Loaded(route: reading.route, source: "body", notices: reading.notices)
        } catch {
            throw APIProblem(status: 400, title: "Bad route", detail: error.message)
        }
    }

    static func tooLarge(_ size: Int, limit: Int) -> APIProblem {
        APIProblem(status: 413, title: "Body too large", detail: "the body has \(size) bytes; at most \(limit) are accepted")
    }
}
