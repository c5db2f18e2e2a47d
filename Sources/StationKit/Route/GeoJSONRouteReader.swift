/// Reads a route from GeoJSON text: a LineString, a MultiLineString, a Feature with either, a
/// GeometryCollection of them, or a FeatureCollection of any of these.
///
/// Every line becomes a part of the route, in file order (MultiLineString lines in their order).
/// Point and MultiPoint geometries (waypoint markers drawn beside a line) are skipped with a
/// notice; polygons are an error. Positions are `[longitude, latitude]` (a third value, the
/// altitude, is ignored) in the datum given, or in the one the file names in the foreign member
/// `crs_name` (as `stations export` and `stations along` write it), which wins; they are converted
/// to WGS84.
public enum GeoJSONRouteReader {
    /// A route read from a file, and what the reader has to say about it.
    public struct Reading: Sendable {
        public var route: Route
        /// Things the user should hear (skipped Point features), one line each.
        public var notices: [String]
        /// The datum the positions were read in.
        public var datum: Datum
    }

    /// Parses `text`; `file` names it in messages.
    /// - Throws: ``RouteError`` naming the file and the feature, line and position at fault.
    public static func read(_ text: String, file: String, datum: Datum = .wgs84) throws(RouteError) -> Reading {
        var text = text
        let parsed: Result<JSONNode, RouteError> = text.withUTF8 { bytes in
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: bytes[3...]) : bytes
            var parser = JSONParser(body)
            do throws(JSONSyntaxError) {
                let value = try parser.value()
                if parser.peek() != nil { throw parser.error("unexpected text after the GeoJSON value") }
                return .success(value)
            } catch {
                let (line, column) = GeoJSONStationReader.lineAndColumn(of: error.offset, in: body)
                return .failure(RouteError("\(file): not valid JSON: \(error.message) (line \(line), column \(column))"))
            }
        }
        let root = try parsed.get()
        var fileDatum = datum
        if let name = root["crs_name"] {
            guard let text = name.string, let declared = Datum(parsing: text) else {
                throw RouteError("\(file): unknown \"crs_name\" '\(name.described)'; use wgs84, gcj02 or bd09")
            }
            fileDatum = declared
        }
        var collector = LineCollector(file: file, datum: fileDatum)
        try collector.collect(root, at: "")
        guard !collector.parts.isEmpty else {
            throw RouteError("\(file): no LineString or MultiLineString found; a route is a line of at least two positions")
        }
        var notices: [String] = []
        if collector.skippedPoints > 0 {
            let count = collector.skippedPoints
            notices.append("\(file): \(count) Point geometr\(count == 1 ? "y" : "ies") skipped (a route is made of its lines)")
        }
        do {
            return Reading(route: try Route(parts: collector.parts), notices: notices, datum: fileDatum)
        } catch {
            throw RouteError("\(file): \(error.message)")
        }
    }

    /// Walks the GeoJSON tree and gathers its lines.
    private struct LineCollector {
        let file: String
        let datum: Datum
        var parts: [[Coordinate]] = []
        var skippedPoints = 0

        func fail(_ place: String, _ message: String) -> RouteError {
            RouteError("\(file): \(place.isEmpty ? "" : place + ": ")\(message)")
        }

        mutating func collect(_ node: JSONNode, at place: String) throws(RouteError) {
            guard case .object = node else { throw fail(place, "expected a GeoJSON object, found \(node.described)") }
            guard let type = node["type"]?.string else { throw fail(place, "a GeoJSON object needs a \"type\"") }
            func join(_ more: String) -> String { place.isEmpty ? more : place + ", " + more }
            switch type {
            case "FeatureCollection":
                guard case .array(let features)? = node["features"] else { throw fail(place, "a FeatureCollection needs a \"features\" array") }
                for (i, feature) in features.enumerated() { try collect(feature, at: join("feature \(i)")) }
            case "Feature":
                guard let geometry = node["geometry"], geometry.isObject else {
                    throw fail(place, "the feature has no geometry; a route needs a LineString or MultiLineString")
                }
                try collect(geometry, at: place)
            case "GeometryCollection":
                guard case .array(let geometries)? = node["geometries"] else { throw fail(place, "a GeometryCollection needs a \"geometries\" array") }
                for (i, geometry) in geometries.enumerated() { try collect(geometry, at: join("geometry \(i)")) }
            case "LineString":
                parts.append(try line(node["coordinates"], at: place))
            case "MultiLineString":
                guard case .array(let lines)? = node["coordinates"] else { throw fail(place, "a MultiLineString needs \"coordinates\": an array of lines") }
                for (i, item) in lines.enumerated() { parts.append(try line(item, at: join("line \(i)"))) }
            case "Point", "MultiPoint":
                skippedPoints += 1
            default:
                throw fail(place, "a \(type) is not a route; use a LineString or MultiLineString")
            }
        }

        func line(_ node: JSONNode?, at place: String) throws(RouteError) -> [Coordinate] {
            guard case .array(let positions)? = node else { throw fail(place, "a line needs \"coordinates\": an array of [longitude, latitude] positions") }
            guard positions.count >= 2 else { throw fail(place, "a line needs at least two positions (found \(positions.count))") }
            var points: [Coordinate] = []
            points.reserveCapacity(positions.count)
            for (i, position) in positions.enumerated() {
                points.append(try coordinate(position, at: (place.isEmpty ? "" : place + ", ") + "position \(i)"))
            }
            return points
        }

        func coordinate(_ node: JSONNode, at place: String) throws(RouteError) -> Coordinate {
            guard case .array(let values) = node, values.count >= 2,
                  case .number(let longitude, _) = values[0], case .number(let latitude, _) = values[1] else {
                throw fail(place, "\(node.described) is not a position; write [longitude, latitude]")
            }
            guard abs(latitude) <= 90 else {
                let hint = abs(longitude) <= 90 && abs(latitude) <= 180 ? "; GeoJSON positions are [longitude, latitude], and this one looks swapped" : ""
                throw fail(place, "\(node.described): latitude \(values[1].described) is outside -90...90\(hint)")
            }
            guard abs(longitude) <= 180 else {
                throw fail(place, "\(node.described): longitude \(values[0].described) is outside -180...180")
            }
            return Coordinate(latitude: latitude, longitude: longitude).converted(from: datum, to: .wgs84)
        }
    }
}

extension JSONNode {
    var isObject: Bool {
        if case .object = self { true } else { false }
    }
}
