import ArgumentParser
import StationKit

/// `stations stats`: counts by kind, province and amenity.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count stations by kind, province and amenity.",
        discussion: """
            Examples:
              stations stats
              stations stats --data registry.csv --format json
            """)

    @Option(name: .long, help: "Output: text or json.")
    var format: StatsFormat = .text

    @OptionGroup var dataOptions: DataOptions

    func run() throws { try execute(console: Console.standard()) }

    func execute(console: Console) throws {
        let stations = try dataOptions.load(console: console).stations
        let kinds = Kind.allCases.map { kind in (kind, stations.count { $0.kind == kind }) }
        var provinceCounts: [String: Int] = [:]
        for station in stations { provinceCounts[station.province.isEmpty ? "(none)" : station.province, default: 0] += 1 }
        // Most stations first; equal counts by name, so the order is stable.
        let provinces = provinceCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let amenities = Amenity.allCases.map { amenity in (amenity, stations.count { $0.amenities.contains(amenity) }) }

        switch format {
        case .json:
            let json = JSONValue.object([
                ("stations", .integer(stations.count)),
                ("by_kind", .object(kinds.map { ($0.0.rawValue, .integer($0.1)) })),
                ("by_province", .object(provinces.map { ($0.key, .integer($0.value)) })),
                ("by_amenity", .object(amenities.map { ($0.0.rawValue, .integer($0.1)) })),
            ])
            console.out(json.rendered() + "\n")
        case .text:
            var out = "\(stations.count) stations in \(provinceCounts.count) provinces\n\n"
            var kindTable = TextTable(header: ["kind", "", "stations"], rightAligned: [2])
            for (kind, count) in kinds { kindTable.add([kind.rawValue, kind.chineseName, "\(count)"]) }
            out += kindTable.rendered() + "\n"
            var provinceTable = TextTable(header: ["province", "stations"], rightAligned: [1])
            for (province, count) in provinces { provinceTable.add([province, "\(count)"]) }
            out += provinceTable.rendered() + "\n"
            var amenityTable = TextTable(header: ["amenity", "", "stations", "share"], rightAligned: [2, 3])
            for (amenity, count) in amenities {
                let share = stations.isEmpty ? 0 : Double(count) / Double(stations.count) * 100
                amenityTable.add([amenity.rawValue, amenity.chineseName, "\(count)", formatDecimal(share, places: 1) + "%"])
            }
            out += amenityTable.rendered()
            console.out(out)
        }
    }
}

enum StatsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
