/// Writes stations as RFC 7946 GeoJSON text: Point features, `[lon, lat]`, every field as a property.
///
/// Built for streaming a million stations: each feature is appended to a `String` directly, with
/// keys in a fixed order, so the same input always gives byte-identical output.
public struct StationGeoJSONEncoder: Sendable {
    /// The datum coordinates are written in; anything but WGS84 is outside RFC 7946 and is
    /// announced by the `crs_name` foreign member.
    public var datum: Datum
    /// Adds simplestyle-spec properties (`marker-color`, `marker-symbol`, `title`, `description`).
    public var style: Bool

    /// 7 decimals ≈ 1 cm: finer than any registry, coarse enough to keep files small.
    public static let coordinatePlaces = 7

    public init(datum: Datum = .wgs84, style: Bool = false) {
        self.datum = datum
        self.style = style
    }

    /// The station's position in the output datum.
    public func position(of station: Station) -> Coordinate {
        datum == .wgs84 ? station.coordinate : station.coordinate.converted(from: .wgs84, to: datum)
    }

    /// Appends one Feature (no trailing separator) for `station` at `position`, with `extra`
    /// properties first (e.g. rank and distance).
    public func appendFeature(_ station: Station, at position: Coordinate, extra: [(String, JSONValue)] = [],
                              to out: inout String) {
        var bytes: [UInt8] = []
        appendFeature(station, at: position, extra: extra, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one Feature as UTF-8 bytes: the exporter's path, free of per-piece `String` overhead.
    public func appendFeature(_ station: Station, at position: Coordinate, extra: [(String, JSONValue)] = [],
                              to out: inout [UInt8]) {
        out.append(contentsOf: #"{"type":"Feature","id":"#.utf8)
        JSONValue.writeString(station.id, to: &out)
        out.append(contentsOf: #","geometry":{"type":"Point","coordinates":["#.utf8)
        JSONValue.appendNumber(position.longitude, places: Self.coordinatePlaces, to: &out)
        out.append(UInt8(ascii: ","))
        JSONValue.appendNumber(position.latitude, places: Self.coordinatePlaces, to: &out)
        out.append(contentsOf: #"]},"properties":{"#.utf8)
        for (key, value) in extra {
            JSONValue.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: value.rendered().utf8)
            out.append(UInt8(ascii: ","))
        }
        appendProperties(station, to: &out)
        if style { appendStyle(station, to: &out) }
        out.append(contentsOf: "}}".utf8)
    }

    /// The interchange properties, in the order of DESIGN.md, plus `kind_zh`.
    func appendProperties(_ station: Station, to out: inout [UInt8]) {
        func member(_ key: StaticString, _ value: String) {
            out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            JSONValue.writeString(value, to: &out)
        }
        member(#""id":"#, station.id)
        member(#","name":"#, station.name)
        member(#","kind":"#, station.kind.rawValue)
        member(#","kind_zh":"#, station.kind.chineseName)
        out.append(contentsOf: #","amenities":["#.utf8)
        var first = true
        for amenity in Amenity.allCases where station.amenities.contains(amenity) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: amenity.rawValue.utf8)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "]"))
        member(#","address":"#, station.address)
        member(#","province":"#, station.province)
        member(#","city":"#, station.city)
        member(#","opening_hours":"#, station.openingHours)
        member(#","phone":"#, station.phone)
        member(#","operator":"#, station.operator)
    }

    /// simplestyle-spec 1.1.0 properties, so geojson.io-like viewers draw the stations with no code.
    /// The description holds one line each for the kind, the amenities, address, hours and phone.
    func appendStyle(_ station: Station, to out: inout [UInt8]) {
        let (color, symbol) = Self.marker(for: station.kind)
        out.append(contentsOf: #","marker-color":""#.utf8)
        out.append(contentsOf: color.utf8)
        out.append(contentsOf: #"","marker-symbol":""#.utf8)
        out.append(contentsOf: symbol.utf8)
        out.append(contentsOf: #"","marker-size":"medium","title":"#.utf8)
        JSONValue.writeString(station.name, to: &out)
        out.append(contentsOf: #","description":""#.utf8)
        out.append(contentsOf: "\(station.kind.chineseName) · \(station.kind.rawValue)".utf8)
        func line(_ prefix: String, _ value: String) {
            guard !value.isEmpty else { return }
            out.append(contentsOf: #"\n"#.utf8)
            out.append(contentsOf: prefix.utf8)
            JSONValue.writeEscaped(value, to: &out)
        }
        if !station.amenities.isEmpty {
            out.append(contentsOf: #"\n"#.utf8)
            for (i, amenity) in station.amenities.members.enumerated() {
                if i > 0 { out.append(contentsOf: "、".utf8) }
                out.append(contentsOf: "\(amenity.chineseName) \(amenity.rawValue)".utf8)
            }
        }
        line("", station.address)
        line("开放时间 ", station.openingHours)
        line("电话 ", station.phone)
        out.append(UInt8(ascii: "\""))
    }

    /// Marker colour and Maki symbol per kind.
    static func marker(for kind: Kind) -> (color: String, symbol: String) {
        switch kind {
        case .outdoorWorkerStation: ("#e65100", "shelter")
        case .driverHome: ("#1565c0", "car")
        case .carnationStation: ("#d81b60", "heart")
        }
    }

    /// The opening of a FeatureCollection whose features follow, one per line.
    /// `bbox` is `[west, south, east, north]` of the positions written, or nil when there are none.
    public func collectionHeader(bbox: BoundingBox?) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"crs_name\":\"\(datum.rawValue)\""
        if let bbox {
            out += ",\"bbox\":[" + [bbox.west, bbox.south, bbox.east, bbox.north]
                .map { JSONValue.formatNumber($0, places: Self.coordinatePlaces) }.joined(separator: ",") + "]"
        }
        return out + ",\"features\":["
    }
}

extension BoundingBox {
    /// The smallest box holding every coordinate (no antimeridian wrap); nil for none.
    public init?<S: Sequence>(enclosing coordinates: S) where S.Element == Coordinate {
        var box: BoundingBox?
        for c in coordinates {
            if var b = box {
                b.south = min(b.south, c.latitude)
                b.north = max(b.north, c.latitude)
                b.west = min(b.west, c.longitude)
                b.east = max(b.east, c.longitude)
                box = b
            } else {
                box = BoundingBox(south: c.latitude, west: c.longitude, north: c.latitude, east: c.longitude)
            }
        }
        guard let box else { return nil }
        self = box
    }
}
