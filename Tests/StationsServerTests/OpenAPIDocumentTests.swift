import Foundation
import Testing
@testable import StationsCLI

/// The OpenAPI document in the repository describes the server as it is: every endpoint, every
/// parameter each one accepts (and no other), the problem responses.
@Suite struct OpenAPIDocumentTests {
    nonisolated(unsafe) static let document: [String: Any] = {
        let url = repositoryRoot.appendingPathComponent("Sources/StationsServer/Resources/openapi.json")
        return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
    }()

    static var paths: [String: [String: Any]] { (document["paths"] as? [String: [String: Any]]) ?? [:] }

    @Test func isOpenAPI31() {
        #expect(Self.document["openapi"] as? String == "3.1.0")
    }

    @Test func everyEndpointIsDocumentedWithItsMethods() {
        for endpoint in StationsAPI.endpoints {
            #expect(Self.paths[endpoint.path]?[endpoint.method.lowercased()] != nil, "\(endpoint.method) \(endpoint.path)")
        }
        // And nothing documented that the API does not answer (the server's own paths aside).
        let served = Set(StationsAPI.endpoints.map { "\($0.method) \($0.path)" }).union(["GET /v1/regions", "GET /metrics"])
        for (path, operations) in Self.paths {
            for method in operations.keys { #expect(served.contains("\(method.uppercased()) \(path)"), "\(method) \(path)") }
        }
    }

    @Test func documentedParametersAreExactlyTheAcceptedOnes() {
        for (path, accepted) in StationsAPI.parameters {
            for (method, operation) in Self.paths[path] ?? [:] {
                let parameters = ((operation as? [String: Any])?["parameters"] as? [[String: Any]]) ?? []
                let query = Set(parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String })
                #expect(query == accepted, "\(method) \(path): documented \(query.sorted()), accepted \(accepted.sorted())")
            }
        }
    }

    @Test func everyOperationDocumentsItsBadRequests() {
        for (path, operations) in Self.paths where path.hasPrefix("/v1/") && path != "/v1/regions" {
            for (method, operation) in operations {
                let responses = ((operation as? [String: Any])?["responses"] as? [String: Any]) ?? [:]
                #expect(responses["400"] != nil, "\(method) \(path)")
                #expect(responses["200"] != nil, "\(method) \(path)")
            }
        }
    }
}
