import ArgumentParser
import StationKit

/// `stations show ID`: every field of one station.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show every field of one station.",
        discussion: """
            Examples:
              stations show stn-NM-000001
              stations show stn-NM-000001 --format json
            """)

    @Argument(help: "The station's id, as listed by `stations near`.")
    var id: String

    @Option(name: .long, help: "Output: text, json or geojson.")
    var format: ShowFormat = .text

    @OptionGroup var dataOptions: DataOptions

    func run() throws { try execute(console: Console.standard()) }

    func execute(console: Console) throws {
        let result = try dataOptions.load(console: console)
        guard let station = result.stations.first(where: { $0.id == id }) else {
            let close = result.stations.map(\.id).filter { $0.contains(id) || id.contains($0) }.sorted().prefix(5)
            let hint = close.isEmpty ? "" : "; similar ids: \(close.joined(separator: ", "))"
            throw CLIError(message: "stations: no station with id '\(id)' among \(result.stations.count) stations\(hint)", code: 1)
        }
        switch format {
        case .json: console.out(StationJSON.object(station).rendered() + "\n")
        case .geojson:
            let encoder = StationGeoJSONEncoder()
            let position = encoder.position(of: station)
            console.out(GeoJSONText.featureCollection(encoder: encoder, positions: [position]) { _, out in
                encoder.appendFeature(station, at: position, to: &out)
            })
        case .text:
            let unknown = "(unknown)"
            func value(_ text: String) -> String { text.isEmpty ? unknown : text }
            var table = TextTable(header: ["field", "value"])
            table.maxWidth = 200
            table.add(["id", station.id])
            table.add(["name", value(station.name)])
            table.add(["kind", "\(station.kind.rawValue) (\(station.kind.chineseName))"])
            table.add(["position", "\(station.coordinate) (lat,lon, WGS84)"])
            table.add(["amenities", station.amenities.members.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")])
            table.add(["address", value(station.address)])
            table.add(["province", value(station.province)])
            table.add(["city", value(station.city)])
            table.add(["opening hours", value(station.openingHours)])
            table.add(["phone", value(station.phone)])
            table.add(["operator", value(station.operator)])
            console.out(String(table.rendered().split(separator: "\n", maxSplits: 1)[1]) )
        }
    }
}

enum ShowFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, geojson
}
