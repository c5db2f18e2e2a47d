import Foundation
import StationAnalysis
import StationKit

extension StationsAPI {
    /// `GET /v1/stations/{id}`: one station, in the CLI's JSON shape (`stations show --format json`).
    func station(id: String, request: APIRequest, data: ServedData) throws(APIProblem) -> APIResponse {
        let parameters = try APIParameters(request, known: Self.parameters["/v1/stations/{id}"]!)
        let datum = try parameters.datum()
        guard let position = data.positionByID[id] else {
            throw APIProblem(status: 404, title: "Not found", detail: "no station with id '\(RecordError.excerpt(id))' among \(data.index.count) stations")
        }
        return .json(StationJSON.object(data.index.stations[position], datum: datum))
    }

    /// `GET /v1/stations?bbox=W,S,E,N&need=&kind=&region=&crs=`: the stations `stations export` with
    /// the same options selects (every filter in the datum of `crs`), as a GeoJSON FeatureCollection
    /// in id order.
    func stations(_ request: APIRequest, data: ServedData) throws(APIProblem) -> APIResponse {
        let parameters = try APIParameters(request, known: Self.parameters["/v1/stations"]!)
        let datum = try parameters.datum()
        let filter = StationFilter(need: try parameters.need(), kinds: try parameters.kinds())
        let box = try parameters.parse("bbox") { try BoxArgument.parse($0) }
        let area = try parameters.parse("region") { try Self.region(named: $0) }
        let index = data.index
        let encoder = StationGeoJSONEncoder(datum: datum)
        var order: [Int]
        if let box, datum == .wgs84 {
            order = index.inBoundingBox(box, filter: filter)
        } else {
            order = (0..<index.count).filter { filter.accepts(index.stations[$0]) }
            if let box { order = order.filter { box.contains(encoder.position(of: index.stations[$0])) } }
        }
        if let area { order = order.filter { area.contains(index.stations[$0].coordinate) } }
        guard order.count <= limits.maxListed else {
            throw .badParameter(box == nil ? "region" : "bbox", parameters.value(box == nil ? "region" : "bbox"),
                                "\(order.count) stations match, more than \(limits.maxListed) in one answer; ask a smaller area (or use stations export)")
        }
        order.sort { index.stations[$0].id < index.stations[$1].id }
        let positions = order.map { encoder.position(of: index.stations[$0]) }
        return .geoJSON(GeoJSONText.featureCollection(encoder: encoder, positions: positions) { i, out in
            encoder.appendFeature(index.stations[order[i]], at: positions[i], to: &out)
        })
    }

    /// A province by name (山西, 山西省, Shanxi): only the embedded ones; a server never opens a
    /// file a client names.
    static func region(named name: String) throws -> Region {
        if name.contains("/") || name.hasPrefix(".") || FileManager.default.fileExists(atPath: name) {
            throw APIProblem.badParameter("region", name, "region is a province name such as 山西 or Shanxi")
        }
        return try Region.resolve(name)
    }
}
