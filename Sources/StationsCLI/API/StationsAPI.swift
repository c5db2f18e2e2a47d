import Foundation
import StationKit

/// The stations one server answers from: an index (read, or a mapped snapshot) and where it came from.
public struct ServedData: Sendable {
    public let index: StationIndex
    /// Station id → position in `index.stations`, for `/v1/stations/{id}`.
    let positionByID: [String: Int]
    /// What was loaded, for /healthz and the logs: the paths, or the embedded sample.
    public let source: String
    public let loadedAt: Date
    /// `loadedAt` in ISO 8601, formatted once (a formatter per request costs milliseconds).
    let loadedAtText: String

    public init(index: StationIndex, source: String, loadedAt: Date = Date()) {
        self.index = index
        var positions: [String: Int] = [:]
        positions.reserveCapacity(index.count)
        for i in 0..<index.count { positions[index.stations[i].id] = i }
        positionByID = positions
        self.source = source
        self.loadedAt = loadedAt
        loadedAtText = ISO8601DateFormatter().string(from: loadedAt)
    }
}

/// The HTTP API of `stations serve`, free of any server framework: a request in, a response out.
///
/// Every endpoint parses its parameters with the CLI's own parsers, asks the same query types
/// (`NearQuery`, `AlongQuery`, the auditor) and renders with the same renderers as the commands,
/// so `GET /v1/near?…` and `stations near … --format json` give the same bytes by construction.
/// A bad request is an ``APIProblem`` (4xx, problem+json), never a crash or a 500.
public final class StationsAPI: @unchecked Sendable {
    /// Limits on what one request may ask, documented in the README and the OpenAPI document.
    public struct Limits: Sendable {
        /// Largest request body (`POST /v1/audit`, `POST /v1/along`).
        public var maxBodyBytes = 32 << 20
        /// Most stations `/v1/near` lists.
        public var maxNearLimit = 1000
        /// Most stations one `/v1/stations` answer holds (ask a smaller bbox beyond it).
        public var maxListed = 200_000
        public init() {}
    }

    public let limits: Limits
    private let lock = NSLock()
    private var served: ServedData

    public init(_ data: ServedData, limits: Limits = Limits()) {
        served = data
        self.limits = limits
    }

    /// The data requests are answered from now. A request takes it once, at its start, so a
    /// reload never changes the data under a request in flight.
    public var data: ServedData { lock.withLock { served } }

    /// Swaps in newly loaded data (SIGHUP, a changed file); requests already running finish on the old.
    public func replace(with data: ServedData) { lock.withLock { served = data } }

    /// The endpoints, for 404 versus 405 and for the `Allow` header.
    public static let endpoints: [(method: String, path: String)] = [
        ("GET", "/v1/near"), ("GET", "/v1/stations"), ("GET", "/v1/stations/{id}"),
        ("GET", "/v1/along"), ("POST", "/v1/along"), ("GET", "/v1/coverage"), ("POST", "/v1/audit"), ("GET", "/healthz"),
        ("GET", "/v1/vocabulary"),
    ]

    /// The query parameters each endpoint takes (any other is a 400); the OpenAPI document lists
    /// exactly these, which a test checks.
    public static let parameters: [String: Set<String>] = [
        "/v1/near": ["lat", "lon", "need", "kind", "limit", "within", "open_at", "open_now", "crs", "format"],
        "/v1/stations": ["bbox", "need", "kind", "region", "crs"],
        "/v1/stations/{id}": ["crs"],
        "/v1/along": ["route", "within", "need", "kind", "every", "open_at", "open_now", "crs", "format", "with_route"],
        "/v1/coverage": ["bbox", "radius", "need", "kind", "crs", "format"],
        "/v1/audit": ["name", "fix", "rules", "input_crs", "format"],
        "/v1/vocabulary": [],
        "/healthz": [],
    ]

    /// Answers one request; every failure becomes a problem response.
    public func handle(_ request: APIRequest) -> APIResponse {
        do {
            return try route(request, data: data)
        } catch {
            return error.response
        }
    }

    private func route(_ request: APIRequest, data: ServedData) throws(APIProblem) -> APIResponse {
        let path = request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        let method = request.method == "HEAD" ? "GET" : request.method
        switch (method, path) {
        case ("GET", "/v1/near"): return try near(request, data: data)
        case ("GET", "/v1/stations"): return try stations(request, data: data)
        case ("GET", "/v1/along"), ("POST", "/v1/along"): return try along(request, data: data)
        case ("GET", "/v1/coverage"): return try coverage(request, data: data)
        case ("POST", "/v1/audit"): return try audit(request)
        case ("GET", "/healthz"):
            _ = try APIParameters(request, known: [])
            return health(data)
        case ("GET", "/v1/vocabulary"):
            _ = try APIParameters(request, known: [])
            return Self.vocabulary
        default: break
        }
        if path.hasPrefix("/v1/stations/"), method == "GET" {
            return try station(id: String(path.dropFirst("/v1/stations/".count)), request: request, data: data)
        }
        let template = path.hasPrefix("/v1/stations/") ? "/v1/stations/{id}" : path
        let allowed = Self.endpoints.filter { $0.path == template }.map(\.method)
        guard allowed.isEmpty else {
            throw APIProblem(status: 405, title: "Method not allowed",
                             detail: "\(request.method) \(path) is not served; use \(allowed.joined(separator: " or "))",
                             allow: allowed.contains("GET") ? allowed + ["HEAD"] : allowed)
        }
        throw APIProblem(status: 404, title: "Not found",
                         detail: "no endpoint \(path); see /openapi.json (\(Self.endpoints.map { "\($0.method) \($0.path)" }.joined(separator: ", ")))")
    }

    private func health(_ data: ServedData) -> APIResponse {
        .json(.object([
            ("status", .string("ok")),
            ("stations", .integer(data.index.count)),
            ("source", .string(data.source)),
            ("loaded_at", .string(data.loadedAtText)),
        ]))
    }

    /// `GET /v1/vocabulary`: the amenity tags and kinds with their Chinese names, for forms and maps.
    static let vocabulary = APIResponse.json(.object([
        ("amenities", .array(Amenity.allCases.map { .object([("tag", .string($0.rawValue)), ("zh", .string($0.chineseName))]) })),
        ("kinds", .array(Kind.allCases.map { .object([("kind", .string($0.rawValue)), ("zh", .string($0.chineseName))]) })),
    ]))
}
