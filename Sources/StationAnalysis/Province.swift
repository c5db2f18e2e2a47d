/// A province-level unit of China: a province, autonomous region, municipality or special
/// administrative region, as named in the boundary file.
public struct Province: Hashable, Sendable, CustomStringConvertible {
    /// Chinese name, e.g. 山西省: the spelling stations use in their `province` field.
    public var nameZh: String
    /// English name, e.g. Shanxi.
    public var nameEn: String
    /// ISO 3166-2 code, e.g. CN-SX.
    public var isoCode: String

    /// Creates a province from its names and code.
    public init(nameZh: String, nameEn: String, isoCode: String) {
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.isoCode = isoCode
    }

    /// `山西省 (CN-SX)`.
    public var description: String { "\(nameZh) (\(isoCode))" }
}
