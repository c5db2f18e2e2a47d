/// What a station must offer to be an answer: all of `need`, and one of `kinds` (any kind when empty).
public struct StationFilter: Hashable, Sendable {
    /// Amenities a station must all have.
    public var need: AmenitySet
    /// Acceptable kinds; empty means every kind.
    public var kinds: Set<Kind>

    public init(need: AmenitySet = [], kinds: Set<Kind> = []) {
        self.need = need
        self.kinds = kinds
    }

    /// Whether `station` passes.
    public func accepts(_ station: Station) -> Bool {
        station.amenities.isSuperset(of: need) && (kinds.isEmpty || kinds.contains(station.kind))
    }

    /// The amenity bits every match must have.
    var requiredBits: UInt32 { need.rawValue }

    /// The kind bits of which a match must have one.
    var kindBits: UInt32 {
        kinds.isEmpty ? Self.everyKindBits : kinds.reduce(0) { $0 | $1.maskBit }
    }

    /// Computed once: building a set of every kind per query showed in query profiles.
    private static let everyKindBits = Kind.allCases.reduce(0) { $0 | $1.maskBit }
}

/// One answer of a query: which station, and how far.
public struct Match: Hashable, Sendable {
    /// Position of the station in ``StationIndex/stations``.
    public var index: Int
    /// Geodesic distance on the WGS84 ellipsoid, in metres.
    public var distance: Double

    public init(index: Int, distance: Double) {
        self.index = index
        self.distance = distance
    }
}
