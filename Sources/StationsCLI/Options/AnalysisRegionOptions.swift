import ArgumentParser
import StationAnalysis
import StationKit

/// `--region` and `--bbox`, shared by the commands that measure areas (`coverage`, `areas`).
struct AnalysisRegionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A province (山西, 山西省, Shanxi, CN-SX) or a GeoJSON file of polygons (one table row per named feature).",
        discussion: "Without --region or --bbox, the whole country: one row per province-level unit.",
        valueName: "name|file"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("Or the box WEST,SOUTH,EAST,NORTH (degrees, in the datum of --crs).", valueName: "w,s,e,n"))
    var bbox: String?

    func validate() throws {
        if region != nil && bbox != nil { throw ValidationError("give --region or --bbox, not both") }
        if let bbox {
            let box = try BoxArgument.parse(bbox)
            if box.west >= box.east { throw ValidationError("--bbox '\(bbox)': WEST must be less than EAST (boxes across 180° are not supported here)") }
            if box.south >= box.north { throw ValidationError("--bbox '\(bbox)': SOUTH must be less than NORTH") }
        }
    }

    /// The region asked for; a box is read in `datum`.
    func resolve(datum: Datum) throws -> AnalysisRegion {
        if let bbox { return AnalysisRegion.box(try BoxArgument.parse(bbox), datum: datum) }
        guard let region else { return AnalysisRegion.china() }
        do { return try AnalysisRegion.resolve(region) } catch {
            // A name we do not know is a usage error; a file we cannot use is bad data.
            let code = if case .unknown = error { ExitStatus.usage } else { ExitStatus.dataError }
            throw CLIError(message: "stations: --region: \(error)", code: code)
        }
    }
}
