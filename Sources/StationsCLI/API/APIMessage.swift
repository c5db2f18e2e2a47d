import Foundation
import StationKit

/// One HTTP request as the API sees it, free of any server framework: `stations serve` turns
/// Hummingbird's request into this, and tests build it directly.
public struct APIRequest: Sendable {
    public var method: String
    /// The path without the query, e.g. `/v1/near`.
    public var path: String
    /// Query parameters in order, percent-decoded; a name may repeat (`need=shower&need=toilet`).
    public var query: [(name: String, value: String)]
    public var body: Data
    public var contentType: String?

    public init(method: String = "GET", path: String, query: [(name: String, value: String)] = [], body: Data = Data(),
                contentType: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
    }

    /// `GET /v1/near?lat=37.9&lon=112.5`: a request from a URL's path and query, as a client wrote it.
    public init(method: String = "GET", target: String, body: Data = Data(), contentType: String? = nil) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(method: method, path: String(parts[0]).removingPercentEncoding ?? String(parts[0]),
                  query: parts.count > 1 ? Self.parseQuery(parts[1]) : [], body: body, contentType: contentType)
    }

    /// Splits `a=1&b=x+y&c=%E6%B7%8B` into decoded pairs (`+` is a space, as forms send it). A
    /// malformed escape or one that does not decode to UTF-8 is kept as written rather than
    /// dropped, so the error can quote it.
    public static func parseQuery(_ raw: Substring) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for pair in raw.utf8.split(separator: UInt8(ascii: "&")) {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((decode(pair[..<equals]), decode(pair[pair.index(after: equals)...])))
            } else {
                pairs.append((decode(pair[...]), ""))
            }
        }
        return pairs
    }

    /// Percent-decodes one name or value, byte by byte (Foundation's `removingPercentEncoding`
    /// cost a tenth of a served request).
    static func decode(_ text: Substring.UTF8View.SubSequence) -> String {
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        let plain = !text.contains(UInt8(ascii: "%")) && !text.contains(UInt8(ascii: "+"))
        if plain { return String(decoding: text, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let byte = text[i]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), text.distance(from: i, to: text.endIndex) >= 3,
                      let high = hex(text[text.index(after: i)]), let low = hex(text[text.index(i, offsetBy: 2)]) {
                bytes.append(high << 4 | low)
                i = text.index(i, offsetBy: 3)
                continue
            } else {
                bytes.append(byte)
            }
            i = text.index(after: i)
        }
        // Escapes that are not UTF-8 (%FF): the text as the client wrote it, to be quoted back.
        return String(validating: bytes, as: UTF8.self) ?? String(decoding: text, as: UTF8.self)
    }
}

/// The answer to an ``APIRequest``: status, media type and body bytes.
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// Further headers (`Allow` on a 405, `Content-Disposition` on a cleaned file).
    public var headers: [(name: String, value: String)] = []

    public init(status: Int = 200, contentType: String, body: [UInt8], headers: [(name: String, value: String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    public static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        var body = value.renderedBytes()
        body.append(UInt8(ascii: "\n"))
        return APIResponse(status: status, contentType: "application/json", body: body)
    }

    public static func geoJSON(_ text: String) -> APIResponse {
        APIResponse(contentType: "application/geo+json", body: Array(text.utf8))
    }

    /// The body as text (tests and logs).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A request the API refuses, answered as RFC 9457 `application/problem+json`: what is wrong, and
/// for a bad parameter its name and the value given, so a client can show it next to the field.
public struct APIProblem: Error, Sendable, Equatable {
    public var status: Int
    public var title: String
    public var detail: String
    public var parameter: String?
    public var value: String?
    /// With 405: the methods the path does take (the `Allow` header, RFC 9110).
    public var allow: [String] = []

    public init(status: Int, title: String, detail: String, parameter: String? = nil, value: String? = nil, allow: [String] = []) {
        self.allow = allow
        self.status = status
        self.title = title
        self.detail = detail
        self.parameter = parameter
        self.value = value
    }

    /// 400 for one parameter: `lat=95` → "latitude 95 is out of range (-90 to 90)".
    public static func badParameter(_ name: String, _ value: String?, _ detail: String) -> APIProblem {
        APIProblem(status: 400, title: "Bad parameter", detail: detail, parameter: name, value: value)
    }

    public static func missingParameter(_ name: String, example: String) -> APIProblem {
        APIProblem(status: 400, title: "Missing parameter", detail: "\(name) is required, e.g. \(example)", parameter: name)
    }

    public var response: APIResponse {
        var members: [(String, JSONValue)] = [
            ("type", .string("about:blank")),
            ("title", .string(title)),
            ("status", .integer(status)),
            ("detail", .string(detail)),
        ]
        if let parameter { members.append(("parameter", .string(parameter))) }
        if let value { members.append(("value", .string(RecordError.excerpt(value)))) }
        return APIResponse(status: status, contentType: "application/problem+json",
                           body: Array((JSONValue.object(members).rendered() + "\n").utf8),
                           headers: allow.isEmpty ? [] : [("Allow", allow.joined(separator: ", "))])
    }
}
