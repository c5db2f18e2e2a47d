import StationKit

/// Coordinates probably in another datum than declared: read as declared the station falls outside
/// its province (or every province, i.e. in the sea), read in the other datum it falls inside.
///
/// The shifts between WGS84 and GCJ-02 (Amap, Tencent) are 300–700 m and BD-09 (Baidu) adds about
/// another kilometre, so only stations near a province line or the coast can be told; elsewhere both
/// readings land in the same province and the rule stays silent rather than guess.
struct DatumMismatchRule: AuditRule {
    static let id = "datum-mismatch"
    static let severity = AuditSeverity.warning
    static let summary = "coordinates that look like GCJ-02/BD-09 declared as WGS84, or the reverse"

    func findings(in audit: AuditContext) -> [AuditFinding] {
        let data = audit.data
        var findings: [AuditFinding] = []
        for stationIndex in data.stations.indices {
            // Cheap integer tests first: nearly every station is where its record says.
            let declaredIndex = data.declaredProvince[stationIndex], locatedIndex = data.locatedProvince[stationIndex]
            if declaredIndex >= 0 && declaredIndex == locatedIndex { continue }
            if declaredIndex < 0 && locatedIndex >= 0 { continue }
            let station = data.stations[stationIndex]
            guard station.coordinate.isInChina else { continue }
            let located = data.province(ofStation: stationIndex)
            let declared = data.declaredProvince(ofStation: stationIndex)
            // Nothing to explain when the point is where the record says it is (or, without a
            // declared province, when it is on land at all).
            if let declared, located == declared { continue }
            if declared == nil, located != nil { continue }
            let record = data.sources[data.sourceOfStation[stationIndex]]
            guard let (latitude, longitude) = record.fields.writtenPosition else { continue }
            let written = Coordinate(latitude: latitude, longitude: longitude)
            for other in Datum.allCases where other != station.sourceDatum {
                let alternative = written.converted(from: other, to: .wgs84)
                guard let there = audit.boundaries.province(containing: alternative) else { continue }
                if let declared, there != declared { continue }
                let sure = declared != nil ? "likely" : "possibly"
                let asDeclared = located.map { "in \($0.nameZh)" } ?? "in the sea or abroad"
                findings.append(AuditFinding(
                    self, record, field: "lat,lon", value: "\(record.fields.latitude.written ?? ""),\(record.fields.longitude.written ?? "")",
                    message: "\(sure) \(Self.name(other)) coordinates read as \(Self.name(station.sourceDatum)): as \(Self.name(station.sourceDatum)) the station is \(asDeclared), as \(Self.name(other)) it is in \(there.nameZh)\(declared != nil ? " as the record says" : "")",
                    suggestion: "if the coordinates were picked on \(Self.maps(other)), declare crs \(other.rawValue)"))
                break
            }
        }
        return findings
    }

    static func name(_ datum: Datum) -> String {
        switch datum {
        case .wgs84: "WGS84"
        case .gcj02: "GCJ-02"
        case .bd09: "BD-09"
        }
    }

    static func maps(_ datum: Datum) -> String {
        switch datum {
        case .wgs84: "GPS or OpenStreetMap"
        case .gcj02: "Amap or Tencent maps"
        case .bd09: "Baidu maps"
        }
    }
}
