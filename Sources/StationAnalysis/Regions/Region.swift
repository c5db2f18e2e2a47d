import Foundation
import GEOSBridge
import StationKit

/// An area to select stations in: a province by name, or the polygons of a GeoJSON file.
///
/// Point tests go through a GEOS prepared geometry after a bounding-box check. Like every GEOS
/// user here it is confined to one thread.
public final class Region {
    /// What the region was called on the command line (a province's Chinese name, or the file path).
    public let name: String
    let box: BoundingBox
    let outline: PreparedGeometry

    init(name: String, box: BoundingBox, outline: PreparedGeometry) {
        self.name = name
        self.box = box
        self.outline = outline
    }

    /// Whether `coordinate` lies inside or on the boundary.
    public func contains(_ coordinate: Coordinate) -> Bool {
        guard box.contains(coordinate) else { return false }
        // The outline was validated and prepared on load; GEOS can now fail only without memory.
        do {
            return try outline.covers(x: coordinate.longitude, y: coordinate.latitude)
        } catch {
            preconditionFailure("GEOS failed on the validated outline of \(name): \(error)")
        }
    }

    /// The bounding box of the outline (for a first, cheap selection through the index).
    public var boundingBox: BoundingBox { box }

    /// A province of the embedded boundaries by name (山西省, 山西, Shanxi, CN-SX), or the
    /// polygons of a GeoJSON file (Polygon, MultiPolygon, Feature or FeatureCollection) when
    /// `nameOrPath` names an existing file.
    public static func resolve(_ nameOrPath: String) throws(RegionError) -> Region {
        if FileManager.default.fileExists(atPath: nameOrPath) { return try fromFile(nameOrPath) }
        let provinces: ProvinceBoundaries
        do { provinces = try ProvinceBoundaries.embedded() } catch {
            preconditionFailure("embedded province boundaries are unreadable: \(error)")
        }
        guard let region = provinces.region(named: nameOrPath) else {
            throw .unknown(name: nameOrPath, known: provinces.provinces.map(\.nameZh))
        }
        return Region(name: region.province.nameZh, box: region.box, outline: region.outline)
    }

    /// Reads, validates and unions the polygons of a GeoJSON file.
    static func fromFile(_ path: String) throws(RegionError) -> Region {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, message: "cannot read the file")
        }
        let context = GEOSContext()
        do {
            let parsed = try context.geometry(geoJSON: String(decoding: data, as: UTF8.self))
            guard try parsed.isValid() else { throw RegionError.invalid(path: path, reason: try parsed.validityReason()) }
            let union = try parsed.unaryUnion()
            let type = try union.typeName()
            guard type == "Polygon" || type == "MultiPolygon" else { throw RegionError.notPolygonal(path: path, type: type) }
            let extent = try union.extent()
            let box = BoundingBox(south: extent.minY, west: extent.minX, north: extent.maxY, east: extent.maxX)
            return Region(name: path, box: box, outline: try union.prepared())
        } catch let error as RegionError {
            throw error
        } catch let error as GEOSError {
            throw .unreadable(path: path, message: error.description)
        } catch {
            throw .unreadable(path: path, message: "\(error)")
        }
    }
}

/// Why a `--region` could not be used.
public enum RegionError: Error, Equatable, CustomStringConvertible {
    case unknown(name: String, known: [String])
    case unreadable(path: String, message: String)
    case invalid(path: String, reason: String)
    case notPolygonal(path: String, type: String)

    public var description: String {
        switch self {
        case .unknown(let name, let known):
            "no province or file named '\(name)'; provinces: \(known.joined(separator: " "))"
        case .unreadable(let path, let message): "\(path): \(message)"
        case .invalid(let path, let reason): "\(path): the polygon is invalid (GEOS: \(reason)); fix it, e.g. with QGIS's Fix geometries"
        case .notPolygonal(let path, let type): "\(path): a region must be a Polygon or MultiPolygon, found \(type)"
        }
    }
}
