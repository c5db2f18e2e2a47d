import StationKit

/// What several record rules derive from one record, derived once per record.
struct RecordFacts {
    /// The record's position in ``AuditData/sources``, and of its station when it has one.
    let index: Int
    let station: Int?
    /// The position as written (in its own datum), when both values are finite numbers.
    let position: (latitude: Double, longitude: Double)?
    let isSwapped: Bool
    let isNullIsland: Bool
    /// Amenity tags as written.
    let tags: [String]
    /// The station's kind, amenities and source datum (valid stations only).
    let kind: Kind?
    let amenities: AmenitySet
    let sourceDatum: Datum?

    init(_ record: SourceRecord, index: Int, in data: AuditData) {
        self.index = index
        station = data.stationOfSource[index]
        let fields = record.fields
        position = fields.writtenPosition
        if let (latitude, longitude) = position {
            let written = Coordinate(latitude: latitude, longitude: longitude)
            isSwapped = !written.isInChina && Coordinate(latitude: longitude, longitude: latitude).isInChina
            isNullIsland = abs(latitude) < 0.00045 && abs(longitude) < 0.00045
        } else {
            isSwapped = false
            isNullIsland = false
        }
        tags = fields.amenityTags
        if let station {
            kind = data.stations[station].kind
            amenities = data.stations[station].amenities
            sourceDatum = data.stations[station].sourceDatum
        } else {
            kind = nil
            amenities = []
            sourceDatum = nil
        }
    }
}

/// Facts about a record's raw fields, for code that has no ``RecordFacts`` at hand.
extension RawStation {
    /// The position as written (in the record's own datum), when both values are finite numbers.
    var writtenPosition: (latitude: Double, longitude: Double)? {
        guard let latitude = latitude.number, let longitude = longitude.number,
              latitude.isFinite, longitude.isFinite else { return nil }
        return (latitude, longitude)
    }

    /// True when the written pair is not in China but the swapped pair is. Inside China latitudes
    /// (18–54) and longitudes (73–135) never overlap, so such a swap is unambiguous.
    public var hasSwappedCoordinates: Bool {
        guard let (latitude, longitude) = writtenPosition else { return false }
        let written = Coordinate(latitude: latitude, longitude: longitude)
        return !written.isInChina && Coordinate(latitude: longitude, longitude: latitude).isInChina
    }

    /// Within about 50 m of latitude 0, longitude 0, where failed geocodes land.
    var isNearNullIsland: Bool {
        guard let (latitude, longitude) = writtenPosition else { return false }
        return abs(latitude) < 0.00045 && abs(longitude) < 0.00045
    }

    /// Every amenity tag as written, split on the separators registries use.
    var amenityTags: [String] {
        var tags: [String] = []
        for value in amenities { AmenitySet.forEachTag(in: value) { tags.append($0) } }
        if let amenityList { AmenitySet.forEachTag(in: amenityList) { tags.append($0) } }
        return tags
    }

    /// The record's id, trimmed; nil when empty.
    var trimmedID: String? {
        guard let id = id?.trimmed(), !id.isEmpty else { return nil }
        return id
    }
}

/// Digits after the decimal point in a number as written (`37.90` → 2, `38` → 0); nil for
/// exponent notation, where the written digits say nothing about precision.
func decimalPlaces(_ written: String) -> Int? {
    var places = 0, afterDot = false
    for byte in written.utf8 {
        switch byte {
        case UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
        case UInt8(ascii: "."): afterDot = true
        case UInt8(ascii: "0")...UInt8(ascii: "9"): if afterDot { places += 1 }
        default: continue
        }
    }
    return places
}

/// `37.870000` style: six decimals, enough to tell stations apart (~0.1 m).
func formatted(_ coordinate: Coordinate) -> String {
    "\(formatDecimal(coordinate.latitude, places: 6)), \(formatDecimal(coordinate.longitude, places: 6))"
}

/// `850 m`, `12.3 km`.
func formattedDistance(_ metres: Double) -> String {
    metres < 1000 ? "\(Int(metres.rounded())) m" : "\(formatDecimal(metres / 1000, places: 1)) km"
}
