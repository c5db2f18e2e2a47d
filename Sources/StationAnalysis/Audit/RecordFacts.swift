import StationKit

/// Facts about a record's raw fields that several rules need, computed the same way for all.
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
    let text = written.trimmed()
    guard !text.contains(where: { $0 == "e" || $0 == "E" }) else { return nil }
    guard let dot = text.firstIndex(of: ".") else { return 0 }
    return text[text.index(after: dot)...].count
}

/// `37.870000` style: six decimals, enough to tell stations apart (~0.1 m).
func formatted(_ coordinate: Coordinate) -> String {
    "\(formatDecimal(coordinate.latitude, places: 6)), \(formatDecimal(coordinate.longitude, places: 6))"
}

/// `850 m`, `12.3 km`.
func formattedDistance(_ metres: Double) -> String {
    metres < 1000 ? "\(Int(metres.rounded())) m" : "\(formatDecimal(metres / 1000, places: 1)) km"
}
