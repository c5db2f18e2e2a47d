import Foundation
import GEOSBridge
import StationKit

/// China's province-level outlines as prepared GEOS polygons, answering "which province is this in?".
///
/// Not thread-safe: it owns a ``GEOSBridge/GEOSContext``, and a GEOS context must never be used from
/// two threads. Create one per thread (or per command) and keep it there; the type is deliberately
/// not `Sendable`, so the compiler refuses to send it across isolation domains.
public final class ProvinceBoundaries {
    /// One outline with its longitude/latitude box, the cheap test tried before GEOS.
    struct Region {
        let province: Province
        let box: BoundingBox
        let outline: PreparedGeometry
        /// The outline as GeoJSON geometry text, so a copy for another thread skips parsing and validation.
        let geometryJSON: String
    }

    /// Kept so that the context outlives every geometry (each geometry also holds it).
    let context: GEOSContext
    let regions: [Region]

    /// The provinces in file order.
    public var provinces: [Province] { regions.map(\.province) }

    /// Reads a GeoJSON FeatureCollection of Polygon or MultiPolygon features with the properties
    /// `name_zh`, `name_en` and `iso_3166_2` (the format of `geodata/regions/cn-provinces.geojson`).
    /// Every outline must be valid in the OGC sense.
    /// - Parameter source: names the input in error messages.
    /// - Throws: ``ProvinceBoundariesError`` for the first feature that cannot be used.
    public convenience init(geoJSON: String, source: String = "<GeoJSON text>") throws(ProvinceBoundariesError) {
        try self.init(data: Data(geoJSON.utf8), source: source)
    }

    /// Reads a boundary file; see ``init(geoJSON:source:)`` for the format.
    /// - Throws: ``ProvinceBoundariesError/unreadable(source:message:)`` when the file cannot be read,
    ///   and the errors of ``init(geoJSON:source:)``.
    public convenience init(contentsOf url: URL) throws(ProvinceBoundariesError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(source: url.path, message: "cannot read the file: \(error.localizedDescription)")
        }
        try self.init(data: data, source: url.path)
    }

    init(data: Data, source: String) throws(ProvinceBoundariesError) {
        let context = GEOSContext()
        self.context = context
        self.regions = try Self.regions(from: data, source: source, context: context)
    }

    private init(context: GEOSContext, regions: [Region]) {
        self.context = context
        self.regions = regions
    }

    /// The same boundaries in a GEOS context of their own, for another thread: several times faster
    /// than reading the file again (the outlines were parsed and validated once).
    public func copy() -> ProvinceBoundaries {
        let context = GEOSContext()
        let regions = self.regions.map { region in
            // The text came from a geometry GEOS already read, validated and prepared.
            do {
                let outline = try context.geometry(geoJSON: region.geometryJSON).prepared()
                return Region(province: region.province, box: region.box, outline: outline, geometryJSON: region.geometryJSON)
            } catch {
                preconditionFailure("GEOS failed to re-read the outline of \(region.province): \(error)")
            }
        }
        return ProvinceBoundaries(context: context, regions: regions)
    }

    /// The position in ``provinces`` of the province covering `coordinate`, trying `first` before
    /// the others (a station's declared province is right nearly always, so one GEOS test usually
    /// settles it); nil when none covers it.
    public func provinceIndex(containing coordinate: Coordinate, tryingFirst first: Int? = nil) -> Int? {
        guard coordinate.isValid else { return nil }
        func covers(_ region: Region) -> Bool {
            guard region.box.contains(coordinate) else { return false }
            do {
                return try region.outline.covers(x: coordinate.longitude, y: coordinate.latitude)
            } catch {
                preconditionFailure("GEOS failed on the validated outline of \(region.province): \(error)")
            }
        }
        if let first, covers(regions[first]) { return first }
        return regions.indices.first { $0 != first && covers(regions[$0]) }
    }

    /// The position in ``provinces`` of the province a `province` field names.
    public func provinceIndex(named name: String) -> Int? {
        guard let region = region(named: name) else { return nil }
        return regions.firstIndex { $0.province == region.province }
    }

    /// The province whose outline covers `coordinate` (borders included), or nil when none does
    /// or the coordinate is out of range. A point exactly on a shared border gets the province
    /// that comes first in the file.
    public func province(containing coordinate: Coordinate) -> Province? {
        guard coordinate.isValid else { return nil }
        for region in regions where region.box.contains(coordinate) {
            // GEOS can fail here only when out of memory: the outline was validated and prepared on
            // load and the point is finite, so a failure is a defect rather than bad input.
            do {
                if try region.outline.covers(x: coordinate.longitude, y: coordinate.latitude) {
                    return region.province
                }
            } catch {
                preconditionFailure("GEOS failed on the validated outline of \(region.province): \(error)")
            }
        }
        return nil
    }
}

@available(*, unavailable, message: "ProvinceBoundaries owns a GEOS context; use it on one thread")
extension ProvinceBoundaries: Sendable {}

extension ProvinceBoundaries {
    /// How far `coordinate` lies outside `province`, in metres along the ellipsoid to the outline's
    /// nearest point (found in the plane of degrees, so a few per cent off for far points); 0 inside.
    public func distance(from coordinate: Coordinate, to province: Province) -> Double? {
        guard coordinate.isValid, let region = regions.first(where: { $0.province == province }) else { return nil }
        do {
            let nearest = try region.outline.nearestPoint(toX: coordinate.longitude, y: coordinate.latitude)
            return coordinate.geodesicDistance(to: Coordinate(latitude: nearest.y, longitude: nearest.x))
        } catch {
            preconditionFailure("GEOS failed on the validated outline of \(province): \(error)")
        }
    }
}
