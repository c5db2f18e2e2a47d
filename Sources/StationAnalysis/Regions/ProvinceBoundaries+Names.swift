import Foundation
import StationKit

extension ProvinceBoundaries {
    /// The boundaries compiled into the binary (`geodata/regions/cn-provinces.geojson`).
    public static func embedded() throws(ProvinceBoundariesError) -> ProvinceBoundaries {
        try ProvinceBoundaries(geoJSON: EmbeddedProvinces.geoJSON, source: "<embedded provinces>")
    }

    /// The text of the embedded boundaries (a GeoJSON FeatureCollection), for maps.
    public static var embeddedGeoJSON: String { EmbeddedProvinces.geoJSON }

    /// The province called `name`: its Chinese name with or without the suffix (山西省, 山西),
    /// its English name (Shanxi; case ignored) or its ISO 3166-2 code (CN-SX).
    public func province(named name: String) -> Province? { region(named: name)?.province }

    func region(named name: String) -> Region? {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty else { return nil }
        return regions.first { region in
            let p = region.province
            return p.nameZh == key || Self.shortChineseName(p.nameZh) == key || p.nameEn.lowercased() == key
                || p.isoCode.lowercased() == key || p.isoCode.lowercased() == "cn-" + key
        }
    }

    /// 山西省 → 山西, 内蒙古自治区 → 内蒙古, 广西壮族自治区 → 广西, 北京市 → 北京, 香港特别行政区 → 香港.
    static func shortChineseName(_ name: String) -> String {
        for suffix in ["壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}
