import Foundation
import HTTPTypes
import Hummingbird
import StationsCLI

/// Turns Hummingbird's requests into the API's framework-free ``APIRequest`` and its answers back.
enum HTTPBridge {
    /// Reads the request (its body up to `maxBody` bytes); a larger body is answered 413 without
    /// reading the rest.
    static func apiRequest(from request: Request, maxBody: Int) async -> Result<APIRequest, APIProblem> {
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        if let declared, declared > maxBody { return .failure(tooLarge(declared, maxBody)) }
        var body = Data()
        if request.method == .post || request.method == .put {
            do {
                let buffer = try await request.body.collect(upTo: maxBody)
                body = Data(buffer.readableBytesView)
            } catch {
                return .failure(tooLarge(nil, maxBody))
            }
        }
        return .success(APIRequest(method: request.method.rawValue, path: request.uri.path,
                                   query: APIRequest.parseQuery(Substring(request.uri.query ?? "")),
                                   body: body, contentType: request.headers[.contentType]))
    }

    static func tooLarge(_ size: Int?, _ limit: Int) -> APIProblem {
        APIProblem(status: 413, title: "Body too large",
                   detail: "the body has \(size.map { "\($0) bytes" } ?? "more bytes than allowed"); at most \(limit) bytes are accepted (--max-body)")
    }

    static func response(_ answer: APIResponse, headOnly: Bool = false) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = answer.contentType
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        var buffer = ByteBufferAllocator().buffer(capacity: answer.body.count)
        buffer.writeBytes(answer.body)
        if headOnly {
            headers[.contentLength] = String(answer.body.count)
            return Response(status: .init(code: answer.status), headers: headers, body: ResponseBody())
        }
        return Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
}
