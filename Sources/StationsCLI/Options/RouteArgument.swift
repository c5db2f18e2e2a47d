import ArgumentParser
import Foundation
import StationKit

/// The ROUTE of `stations along`: a GeoJSON file, or points written inline as `LAT,LON;LAT,LON;…`.
enum RouteArgument {
    /// A route ready to search along (WGS84), and where it came from.
    struct Loaded {
        var route: Route
        /// The file name, or `inline`.
        var source: String
        /// Notes for standard error (skipped Point features).
        var notices: [String] = []
    }

    /// Inline when no such file exists and the text has the separators of coordinates.
    static func isInline(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") || FileManager.default.fileExists(atPath: text) { return false }
        return text.contains { ",，;；".contains($0) }
    }

    /// Parses `LAT,LON;LAT,LON;…` (full-width `；` and `，` too; a trailing `;` is fine),
    /// naming the point at fault.
    static func parseInline(_ text: String) throws(ValidationError) -> [Coordinate] {
        let pieces = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ";" || $0 == "；" })
            .map { $0.trimmingSpaces() }
        var points: [Coordinate] = []
        for (i, piece) in pieces.enumerated() {
            if piece.isEmpty && i == pieces.count - 1 && i > 0 { break }
            let numbered = "route point \(i + 1) '\(piece)'"
            guard piece.split(whereSeparator: { $0 == "," || $0 == "，" }).count == 2 else {
                throw ValidationError("\(numbered) is not LAT,LON; separate points with ';', e.g. 40.657,109.840;43.653,111.977")
            }
            do {
                points.append(try QueryPoint.parse(piece))
            } catch {
                throw ValidationError("route point \(i + 1): \(error.message)")
            }
        }
        guard points.count >= 2 else {
            throw ValidationError("a route needs at least two points, LAT,LON;LAT,LON (got \(points.count)); or give a GeoJSON file")
        }
        return points
    }

    /// Reads the route; positions are in `datum` unless a file names its own `crs_name`.
    /// Inline mistakes are usage errors (64), a bad file is bad data (65), a missing one 66.
    static func load(_ text: String, datum: Datum) throws -> Loaded {
        if isInline(text) {
            let points = try parseInline(text).map { $0.converted(from: datum, to: .wgs84) }
            do {
                return Loaded(route: try Route(parts: [points]), source: "inline")
            } catch {
                throw CLIError(message: "stations: route: \(error.message)", code: ExitStatus.usage)
            }
        }
        let data: Data
        do {
            data = try InputFile.contents(of: text)
        } catch {
            throw CLIError.noInput("stations: route file \(text): \(error.message)\(error.message == "no such file" ? " (an inline route is LAT,LON;LAT,LON;…)" : "")")
        }
        guard let content = String(data: data, encoding: .utf8) else {
            throw CLIError.data("stations: route file \(text): not UTF-8 text; GeoJSON is UTF-8")
        }
        do {
            let reading = try GeoJSONRouteReader.read(content, file: text, datum: datum)
            return Loaded(route: reading.route, source: text, notices: reading.notices)
        } catch {
            throw CLIError.data("stations: route file \(error.message)")
        }
    }
}
