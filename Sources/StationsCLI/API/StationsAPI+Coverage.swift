import Foundation
import StationAnalysis
import StationKit

extension StationsAPI {
    /// `GET /v1/coverage?bbox=W,S,E,N&radius=1km&need=&kind=&crs=`: the uncovered parts of the box
    /// (GeoJSON, what `stations coverage --bbox … -o gaps.geojson` writes), or with `format=json`
    /// the summary `stations coverage --format json` prints.
    func coverage(_ request: APIRequest, data: ServedData) throws(APIProblem) -> APIResponse {
        let parameters = try APIParameters(request, known: Self.parameters["/v1/coverage"]!)
        let datum = try parameters.datum()
        let boxText = try parameters.required("bbox", example: "112.4,37.7,112.7,38.0")
        guard let box = try parameters.parse("bbox", { try BoxArgument.parse($0) }) else { throw .missingParameter("bbox", example: boxText) }
        let area = (box.east - box.west) * (box.north - box.south)
        guard area <= Self.widestCoverageBox else {
            throw .badParameter("bbox", boxText, "the box spans \(JSONValue.formatNumber(area, places: 2)) square degrees; at most \(Int(Self.widestCoverageBox)) per request (use stations coverage for larger areas)")
        }
        let radius = try parameters.parse("radius") { try DistanceArgument.parse($0) } ?? 1000
        guard radius > 0, radius <= 50_000 else { throw .badParameter("radius", parameters.value("radius"), "radius is more than 0 and at most 50km") }
        let filter = StationFilter(need: try parameters.need(), kinds: try parameters.kinds())
        let format = try Self.format(parameters, among: ["geojson", "json"])

        // Only stations whose circle can reach the box matter: those within the box grown by the
        // radius (and by 0.02° for the datum shift), so the answer equals the CLI's on all the data.
        let latitudePad = radius / 110_574 + 0.02
        let widest = max(abs(box.south), abs(box.north)) + latitudePad
        let longitudePad = widest >= 89 ? 360 : radius / (111_320 * cos(widest * .pi / 180)) + 0.02
        let reach = BoundingBox(south: max(-90, box.south - latitudePad), west: max(-180, box.west - longitudePad),
                                north: min(90, box.north + latitudePad), east: min(180, box.east + longitudePad))
        let stations = data.index.inBoundingBox(reach, filter: filter).map { data.index.stations[$0] }
        let report: CoverageReport
        do {
            report = try CoverageAnalysis(radius: radius, filter: filter)
                .run(stations, in: AnalysisRegion.box(box, datum: datum), gaps: format == "geojson")
        } catch {
            throw APIProblem(status: 422, title: "Coverage failed", detail: "\(error)")
        }
        if format == "json" { return APIResponse(contentType: "application/json", body: Array(CoverageOutput.json(report, filter: filter).utf8)) }
        return APIResponse(contentType: "application/geo+json", body: PolygonGeoJSON(datum: datum).collection(CoverageOutput.features(report)))
    }

    /// Largest coverage box per request, in square degrees (about 220 × 220 km at 40° N): the
    /// polygon work grows with the area, and a request must stay short.
    static let widestCoverageBox = 4.0
}
