extension Datum {
    /// Whether coordinates in this datum differ from WGS84 at `coordinate`.
    ///
    /// Always `false` for ``wgs84``. GCJ-02 (Amap, Tencent) and BD-09 (Baidu) are shifted only inside
    /// China, decided with an outline of China's 34 province-level units (Hong Kong, Macau and Taiwan
    /// included) buffered by about 2 km, not with the usual rectangle that also shifts Mongolia,
    /// northern Vietnam or the Russian Far East. `coordinate` may be in any of the three datums:
    /// the shifts are under 1.5 km and the outline keeps a 2 km margin around the land.
    public func appliesShift(at coordinate: Coordinate) -> Bool {
        self != .wgs84 && ChinaRegion.contains(coordinate)
    }
}

extension Coordinate {
    /// This position, given in datum `source`, expressed in datum `target`.
    ///
    /// - WGS84 → GCJ-02 is the published algorithm (Krasovsky 1940 ellipsoid, two polynomials in
    ///   lon − 105°, lat − 35°); GCJ-02 ↔ BD-09 is Baidu's published rotation and offset; WGS84 ↔ BD-09
    ///   goes through GCJ-02. The inverses (to WGS84, to GCJ-02) are iterated until the forward
    ///   transform of the answer is within 1e-10° of the input, so a round trip is exact to well
    ///   under 1 mm.
    /// - The shifts apply inside China only (see ``Datum/appliesShift(at:)``); elsewhere every datum
    ///   equals WGS84 and the coordinate is returned unchanged.
    /// - "Inside" is decided once, at this (input) point, in whatever datum it is given. Within
    ///   ~1.5 km (the size of the shift) of the outline a point and its converted twin can fall on
    ///   different sides, so a round trip there may not return the start. The outline runs 2 km off
    ///   the coast and the borders, so this only affects open sea and the foreign side of a border.
    public func converted(from source: Datum, to target: Datum) -> Coordinate {
        guard source != target, ChinaRegion.contains(self) else { return self }
        let gcj: Coordinate
        switch source {
        case .wgs84: gcj = GCJ02.forward(self)
        case .gcj02: gcj = self
        case .bd09: gcj = BD09.toGCJ02(self)
        }
        switch target {
        case .wgs84: return GCJ02.inverse(gcj)
        case .gcj02: return gcj
        case .bd09: return BD09.fromGCJ02(gcj)
        }
    }
}
