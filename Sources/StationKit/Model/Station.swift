/// The map datum a record's coordinates were given in.
///
/// The index always stores WGS84; the other two are the datums of Chinese web maps
/// (Amap and Tencent draw in GCJ-02, Baidu in BD-09).
public enum Datum: String, CaseIterable, Sendable, Hashable {
    case wgs84, gcj02, bd09

    /// Parses a datum name as registries write it (`WGS84`, `wgs-84`, `GCJ-02`, `gcj02`, `BD-09`, `bd09`).
    public init?(parsing text: String) {
        let key = text.trimmed().lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        switch key {
        case "wgs84", "gps", "epsg4326": self = .wgs84
        case "gcj02", "gcj", "mars", "火星坐标": self = .gcj02
        case "bd09", "bd09ll", "baidu": self = .bd09
        default: return nil
        }
    }
}

/// One service station, as read from a registry.
public struct Station: Hashable, Sendable {
    /// Unique identifier within a data set.
    public var id: String
    /// Display name, usually Chinese.
    public var name: String
    /// Which of the three kinds it is.
    public var kind: Kind
    /// Position (WGS84).
    public var coordinate: Coordinate
    /// Facilities it offers.
    public var amenities: AmenitySet
    /// Street address; empty when unknown.
    public var address: String
    /// Province-level unit, e.g. 山西省; empty when unknown.
    public var province: String
    /// City, e.g. 太原市; empty when unknown.
    public var city: String
    /// Opening hours in OpenStreetMap `opening_hours` syntax, kept as text; empty when unknown.
    public var openingHours: String
    /// Telephone number as written; empty when unknown.
    public var phone: String
    /// The union or company that runs it; empty when unknown.
    public var `operator`: String
    /// The datum the source coordinates were in.
    public var sourceDatum: Datum

    public init(
        id: String, name: String, kind: Kind, coordinate: Coordinate, amenities: AmenitySet,
        address: String = "", province: String = "", city: String = "", openingHours: String = "",
        phone: String = "", operator: String = "", sourceDatum: Datum = .wgs84
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.coordinate = coordinate
        self.amenities = amenities
        self.address = address
        self.province = province
        self.city = city
        self.openingHours = openingHours
        self.phone = phone
        self.operator = `operator`
        self.sourceDatum = sourceDatum
    }
}
