import Foundation
import StationAnalysis
import StationKit
import StationsCLI

/// The files the server hands out as they are: the map page, Leaflet (from Debian's libjs-leaflet,
/// never copied into the repository), the OpenAPI document and the province outlines.
struct StaticFiles: Sendable {
    let page: APIResponse
    let config: APIResponse
    let openAPI: APIResponse
    let regions: APIResponse
    let leafletFolder: String

    init(leafletFolder: String, tiles: String?) {
        self.leafletFolder = leafletFolder
        page = APIResponse(contentType: "text/html; charset=utf-8", body: Self.resource("map", "html"))
        openAPI = APIResponse(contentType: "application/json", body: Self.resource("openapi", "json"))
        regions = APIResponse(contentType: "application/geo+json", body: Array(ProvinceBoundaries.embeddedGeoJSON.utf8))
        config = .json(.object([("tiles", tiles.map { .string($0) } ?? .null)]))
    }

    /// A file the package ships with the server target (Sources/StationsServer/Resources).
    static func resource(_ name: String, _ type: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: type), let data = try? Data(contentsOf: url) else {
            return Array("missing resource \(name).\(type)\n".utf8)
        }
        return Array(data)
    }

    static let mediaTypes = ["js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8", "png": "image/png",
                             "map": "application/json", "svg": "image/svg+xml"]

    /// `/leaflet/NAME`: a file of the Leaflet folder. Only plain names (letters, digits, `-_.` and
    /// one level of folder) are looked up, so no request reaches outside it.
    func leaflet(_ name: String) -> APIResponse {
        let safe = !name.isEmpty && !name.contains("..") && !name.hasPrefix("/")
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
        let type = Self.mediaTypes[(name as NSString).pathExtension.lowercased()]
        guard safe, let type, let data = FileManager.default.contents(atPath: leafletFolder + "/" + name) else {
            return APIProblem(status: 404, title: "Not found",
                              detail: "no file \(RecordError.excerpt(name)) in \(leafletFolder) (is libjs-leaflet installed? tools/install-deps.sh installs it)").response
        }
        return APIResponse(contentType: type, body: Array(data), headers: [("Cache-Control", "max-age=86400")])
    }
}
