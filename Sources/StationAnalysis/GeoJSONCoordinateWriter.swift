import Foundation
import StationKit

/// Writes a parsed GeoJSON `coordinates` value (nested arrays of positions) back to JSON text and
/// measures its longitude/latitude box in the same pass.
///
/// `JSONSerialization.data(withJSONObject:)` does the same job, but on Linux it took 0.73 s to write
/// the 34 outlines of `cn-provinces.geojson` (release build), more than the whole load takes with this
/// writer (0.64 s). Swift's shortest round-trip `Double` text loses nothing.
struct GeoJSONCoordinateWriter {
    private(set) var text = ""
    /// Plain minimum and maximum: outlines crossing the antimeridian are not expected here.
    private(set) var box: BoundingBox?

    /// Appends `value`; false when it is not nested arrays of positions of two or more numbers.
    mutating func write(_ value: Any?) -> Bool {
        guard let array = value as? [Any] else { return false }
        if let first = array.first, Self.number(first) != nil { return writePosition(array) }
        text += "["
        for (offset, element) in array.enumerated() {
            if offset > 0 { text += "," }
            guard write(element) else { return false }
        }
        text += "]"
        return true
    }

    private mutating func writePosition(_ array: [Any]) -> Bool {
        guard array.count >= 2, let longitude = Self.number(array[0]), let latitude = Self.number(array[1]) else {
            return false
        }
        text += "["
        for (offset, element) in array.enumerated() {
            guard let value = Self.number(element), value.isFinite else { return false }
            if offset > 0 { text += "," }
            text += value.description
        }
        text += "]"
        if var grown = box {
            grown.south = min(grown.south, latitude)
            grown.north = max(grown.north, latitude)
            grown.west = min(grown.west, longitude)
            grown.east = max(grown.east, longitude)
            box = grown
        } else {
            box = BoundingBox(south: latitude, west: longitude, north: latitude, east: longitude)
        }
        return true
    }

    private static func number(_ value: Any) -> Double? {
        if let double = value as? Double { return double }
        return (value as? NSNumber)?.doubleValue
    }
}
