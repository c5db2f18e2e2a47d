import Foundation
import GEOSBridge
import StationKit

/// The area a coverage or service-area analysis works in: one or more named parts (the provinces of
/// China, one province, a box, the features of a polygon file), each a set of WGS84 polygons.
///
/// Plain values, unlike ``Region`` (which holds a prepared GEOS geometry for fast point tests):
/// an analysis projects the polygons and builds its geometries in GEOS contexts of its own, one per
/// thread.
public struct AnalysisRegion: Sendable {
    /// One row of a report: a province, a box, or a named feature of a file.
    public struct Part: Hashable, Sendable {
        public var name: String
        public var polygons: [GeoPolygon]

        /// A part must have a polygon: an empty one would be a row with nothing to measure.
        public init(name: String, polygons: [GeoPolygon]) {
            precondition(!polygons.isEmpty, "a region part without polygons")
            self.name = name
            self.polygons = polygons
        }
    }

    /// What the region is called in reports (`山西省`, `box 112.4,37.7,112.7,38.0`, a file path).
    public var name: String
    /// The parts, in the order reports list them.
    public var parts: [Part]

    /// A region must have a part.
    public init(name: String, parts: [Part]) {
        precondition(!parts.isEmpty, "a region without parts")
        self.name = name
        self.parts = parts
    }

    /// The longitude/latitude box around every part (no antimeridian wrap).
    public var boundingBox: BoundingBox? {
        BoundingBox(enclosing: parts.lazy.flatMap(\.polygons).flatMap(\.exterior))
    }

    /// All 34 province-level units of the embedded boundaries, one part each, in the file's order.
    public static func china() -> AnalysisRegion {
        let provinces = embeddedProvinces()
        let parts = provinces.regions.map { Part(name: $0.province.nameZh, polygons: polygons(of: $0.outline.base)) }
        return AnalysisRegion(name: "China (34 province-level units)", parts: parts)
    }

    /// One province of the embedded boundaries (山西省, 山西, Shanxi, CN-SX), or the Polygon and
    /// MultiPolygon features of a GeoJSON file when `nameOrPath` names an existing file (one part
    /// per feature; see ``fromFile(_:)``).
    public static func resolve(_ nameOrPath: String) throws(RegionError) -> AnalysisRegion {
        if FileManager.default.fileExists(atPath: nameOrPath) { return try fromFile(nameOrPath) }
        let provinces = embeddedProvinces()
        guard let region = provinces.region(named: nameOrPath) else {
            throw .unknown(name: nameOrPath, known: provinces.provinces.map(\.nameZh))
        }
        let name = region.province.nameZh
        return AnalysisRegion(name: name, parts: [Part(name: name, polygons: polygons(of: region.outline.base))])
    }

    /// The box `box`, read in `datum` (a box drawn on an Amap or Baidu map): its sides are
    /// densified in that datum and every vertex is converted to WGS84, so the region is the box as
    /// the user saw it. The box must not cross the antimeridian.
    public static func box(_ box: BoundingBox, datum: Datum = .wgs84) -> AnalysisRegion {
        let corners = [(box.south, box.west), (box.south, box.east), (box.north, box.east), (box.north, box.west), (box.south, box.west)]
            .map { Coordinate(latitude: $0.0, longitude: $0.1) }
        // Points every 0.005° (≈ 500 m) along the sides, so that the datum's shift, which varies
        // from place to place, is followed along them.
        var ring: [Coordinate] = []
        for (from, to) in zip(corners, corners.dropFirst()) {
            let steps = max(1, Int((max(abs(to.latitude - from.latitude), abs(to.longitude - from.longitude)) / 0.005).rounded(.up)))
            for i in 0..<steps {
                let t = Double(i) / Double(steps)
                ring.append(Coordinate(latitude: from.latitude + t * (to.latitude - from.latitude),
                                       longitude: from.longitude + t * (to.longitude - from.longitude)))
            }
        }
        ring.append(ring[0])
        if datum != .wgs84 { ring = ring.map { $0.converted(from: datum, to: .wgs84) } }
        let name = "box " + [box.west, box.south, box.east, box.north].map { JSONValue.formatNumber($0, places: 7) }.joined(separator: ",")
        return AnalysisRegion(name: name, parts: [Part(name: name, polygons: [GeoPolygon(exterior: ring)])])
    }

    private static func embeddedProvinces() -> ProvinceBoundaries {
        do { return try ProvinceBoundaries.embedded() } catch {
            preconditionFailure("embedded province boundaries are unreadable: \(error)")
        }
    }

    /// The polygons of a validated outline (GEOS can fail here only without memory).
    private static func polygons(of outline: Geometry) -> [GeoPolygon] {
        do { return try outline.polygons().map(GeoPolygon.init(lonLat:)) } catch {
            preconditionFailure("GEOS failed to read a validated outline: \(error)")
        }
    }
}
