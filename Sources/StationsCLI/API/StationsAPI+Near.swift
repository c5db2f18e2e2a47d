import Foundation
import StationKit

extension StationsAPI {
    /// `GET /v1/near?lat=&lon=&need=&kind=&limit=&within=&open_at=&open_now=&crs=&format=`: the
    /// answer `stations near LAT,LON … --format json|geojson` prints, byte for byte.
    func near(_ request: APIRequest, data: ServedData) throws(APIProblem) -> APIResponse {
        let parameters = try APIParameters(request, known: Self.parameters["/v1/near"]!)
        let datum = try parameters.datum()
        let given = try Self.point(parameters)
        let filter = StationFilter(need: try parameters.need(), kinds: try parameters.kinds())
        let limit = try parameters.integer("limit", default: 5, in: 1...limits.maxNearLimit)
        let maxDistance = try parameters.parse("within") { try DistanceArgument.parse($0) }
        let openAt = try Self.openTime(parameters)
        let format = try Self.format(parameters, among: ["json", "geojson"])
        let query = NearQuery(point: given.converted(from: datum, to: .wgs84), filter: filter, limit: limit,
                              maxDistance: maxDistance, datum: datum, pointAsGiven: given, openAt: openAt)
        let answer = query.answer(in: data.index)
        return format == "geojson" ? .geoJSON(NearOutput.geoJSON(answer, index: data.index))
            : .json(NearOutput.json(answer, index: data.index))
    }

    /// `lat` and `lon`, each checked on its own so the problem names the right one.
    static func point(_ parameters: APIParameters, prefix: String = "") throws(APIProblem) -> Coordinate {
        let latitude = try parameters.required(prefix + "lat", example: "37.9")
        let longitude = try parameters.required(prefix + "lon", example: "112.5")
        do {
            return try Coordinate(parsingLatitude: latitude, longitude: longitude)
        } catch {
            let blamesLongitude = error.message.hasPrefix("longitude")
                || (Double(latitude.trimmingCharacters(in: .whitespaces)) != nil && !error.message.hasPrefix("latitude"))
            let name = prefix + (blamesLongitude ? "lon" : "lat")
            let message = error.message.hasPrefix("'") ? "\(name) must be decimal degrees, e.g. \(blamesLongitude ? "112.5" : "37.9")"
                : error.message
            throw .badParameter(name, blamesLongitude ? longitude : latitude, message)
        }
    }

    /// `open_at=2026-11-21T22:00` (China time, or with an offset) or `open_now=true`.
    static func openTime(_ parameters: APIParameters, now: Date = Date()) throws(APIProblem) -> Date? {
        let openNow = try parameters.bool("open_now")
        if openNow, parameters.value("open_at") != nil {
            throw .badParameter("open_now", parameters.value("open_now"), "give open_now or open_at, not both")
        }
        if openNow { return now }
        return try parameters.parse("open_at") { try OpenTimeOptions.parse($0) }
    }

    static func format(_ parameters: APIParameters, among formats: [String]) throws(APIProblem) -> String {
        guard let format = parameters.value("format") else { return formats[0] }
        guard formats.contains(format.lowercased()) else {
            throw .badParameter("format", format, "format is \(formats.joined(separator: " or "))")
        }
        return format.lowercased()
    }
}
