import ArgumentParser
import Foundation
import StationAnalysis
import StationKit

/// `stations audit`: every problem in a registry, explained, located and, where unambiguous, fixed.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check a station registry: bad rows, misplaced or swapped coordinates, duplicates, typos, bad phones and hours.",
        discussion: """
            Every finding names the file, the line (CSV; the header is line 1) or feature (GeoJSON, \
            counted from 0), the record's id, the field and the value, says what is wrong and, \
            where it can, what to write instead. Nothing is skipped: records the other commands \
            skip are listed here with the reason.

            --fix writes a cleaned copy (-o; .csv or .geojson) with only the unambiguous fixes: \
            swapped coordinates, canonical kind and amenity tags, trimmed spaces, and GCJ-02/BD-09 \
            coordinates converted to WGS84 where the record declares its datum. No record is ever \
            dropped; every change is listed.

            Exit codes: 0 done (whatever was found), 1 with --strict when errors remain (after \
            --fix), 64 usage, 65 input not readable at all, 66 missing input, 74 I/O error.

            Examples:
              stations audit --data registry.csv
              stations audit --data registry.csv --format json > findings.json
              stations audit --data registry.csv --format geojson > flagged.geojson
              stations audit --data registry.csv --rules swapped-coordinates,phone-format
              stations audit --data registry.csv --fix -o cleaned.csv
              stations audit --list-rules
            """)

    @Option(name: .long, help: ArgumentHelp(
        "Registry to audit: .csv, .geojson, or - for standard input. Repeat for several files (ids must be unique across them).",
        discussion: "Without --data, $STATIONS_DATA (paths separated by ':'), else the embedded national sample.",
        valueName: "file"))
    var data: [String] = []

    @Option(name: .long, help: ArgumentHelp("Datum of records without their own crs: wgs84, gcj02 or bd09.", valueName: "datum"))
    var inputCrs: Datum = .wgs84

    @Option(name: .long, help: ArgumentHelp("Province boundaries (GeoJSON with name_zh, name_en, iso_3166_2); default the embedded ones.", valueName: "file"))
    var regions: String?

    @Option(name: .long, help: "Report as text (grouped by rule), json (one object per finding) or geojson (flagged stations, for a map).")
    var format: AuditFormat = .text

    @Option(name: .long, help: ArgumentHelp("Only these rules (comma-separated ids; 'coverage' for the summary). Default: all.", valueName: "ids"))
    var rules: String?

    @Flag(name: .long, help: "List the rules with their ids and severities, and exit.")
    var listRules = false

    @Flag(name: .long, help: "Exit 1 when any error remains (after --fix).")
    var strict = false

    @Flag(name: .long, help: "Write a cleaned copy with the unambiguous fixes to -o, and list every change.")
    var fix = false

    @Option(name: [.short, .long], help: ArgumentHelp("With --fix: the cleaned file (.csv or .geojson); written complete or not at all.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Text report: examples shown per rule (0: all).", valueName: "n"))
    var examples = 5

    func validate() throws {
        if fix && output == nil { throw ValidationError("--fix needs -o FILE for the cleaned copy, e.g. --fix -o cleaned.csv") }
        if output != nil && !fix { throw ValidationError("-o names the cleaned copy, which only --fix writes; add --fix") }
        if examples < 0 { throw ValidationError("--examples must be 0 (all) or more") }
        _ = try selection()
    }

    func run() throws { try execute(console: Console.standard()) }

    /// The rules `--rules` picks and whether the coverage summary is wanted.
    func selection() throws -> (rules: [any AuditRule], coverage: Bool) {
        guard let rules else { return (AuditRules.all, true) }
        let ids = rules.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch AuditRules.selecting(ids.filter { $0 != "coverage" }) {
        case .success(let selected): return (selected, ids.contains("coverage"))
        case .failure(let error): throw ValidationError("--rules: \(error)")
        }
    }

    func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if listRules {
            console.out(Self.ruleList())
            return
        }
        let paths = !data.isEmpty ? data
            : (environment["STATIONS_DATA"].map { $0.split(separator: ":").map(String.init).filter { !$0.isEmpty } } ?? [])
        let files = paths.isEmpty ? [StationLoader.defaultDataName] : paths.map { $0 == "-" ? "<stdin>" : $0 }
        let loaded = try load(paths, console: console)

        let (rules, coverage) = try selection()
        let regionsPath = regions
        if let regionsPath, !FileManager.default.fileExists(atPath: regionsPath) {
            throw CLIError.noInput("stations: --regions \(regionsPath): no such file")
        }
        let auditor = Auditor(rules: rules, coverage: coverage) { () throws(ProvinceBoundariesError) in
            guard let regionsPath else { return try ProvinceBoundaries.embedded() }
            return try ProvinceBoundaries(contentsOf: URL(fileURLWithPath: regionsPath))
        }
        let progress = console.errorIsTerminal ? ProgressLine(console: console, label: files.joined(separator: ", "), verb: "auditing") : nil
        let steps = Double(rules.count + 2)
        var step = 0.0
        var report: AuditReport
        do {
            let timing = environment["STATIONS_TIMING"] != nil
            var last = DispatchTime.now().uptimeNanoseconds
            var previous = "load"
            report = try auditor.audit(loaded, files: files) { name in
                defer { if name == "coverage" && timing { previous = "coverage" } }
                if timing {
                    let now = DispatchTime.now().uptimeNanoseconds
                    console.err("stations: \(previous): \(Double(now - last) / 1e9) s\n")
                    last = now
                    previous = name
                }
                progress?.update(step / steps)
                step += 1
            }
        } catch {
            progress?.finish()
            throw CLIError.data("stations: \(error)")
        }
        progress?.finish()

        if fix, let output {
            // A record that could not be split into fields cannot be written back as it was, so
            // a cleaned copy would lose it (and, after an unclosed quote, the rest of the file).
            if let lost = loaded.unsplitRecords.first {
                throw CLIError.data("stations: no cleaned copy written: \(lost) cannot be read as a record (see the report without --fix), so a copy would lose it; mend it by hand first")
            }
            let cleaned = Auditor.fix(loaded, report: &report)
            try OutputFile(path: output, console: console).complete { file in
                file.write(bytes: CleanedRecords.encode(cleaned, as: CleanedRecords.format(forPath: output)))
            }
        }
        let renderStart = DispatchTime.now().uptimeNanoseconds
        defer {
            if environment["STATIONS_TIMING"] != nil {
                console.err("stations: report: \(Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9) s\n")
            }
        }
        let standardOutput = try OutputFile(path: nil, console: console)
        switch format {
        case .text: standardOutput.write(AuditTextReport(report: report, examples: examples, fixedPath: fix ? output : nil).rendered())
        case .json: AuditJSONReport.write(report, to: standardOutput)
        case .geojson: AuditGeoJSONReport.write(report, load: loaded, to: standardOutput)
        }
        try standardOutput.commit()
        if strict && report.remainingErrors > 0 {
            throw CLIError(message: "stations: \(report.remainingErrors) error\(report.remainingErrors == 1 ? "" : "s") remain (--strict)", code: 1)
        }
    }

    /// Reads every input keeping each record as written; a file that cannot be read at all stops the audit.
    func load(_ paths: [String], console: Console) throws -> LoadResult {
        if paths.isEmpty { return StationLoader.loadDefault(keepingSources: true) }
        // A snapshot holds the index, not what the registry's rows said: audit the registry itself.
        if let snapshot = paths.first(where: { $0 != "-" && StationSnapshot.hasSnapshotMagic(atPath: $0) }) {
            throw CLIError(message: "stations: \(snapshot) is an index snapshot; audit the GeoJSON or CSV file it was built from",
                           code: ExitStatus.usage)
        }
        let progress = ProgressLine.forLoading(paths.joined(separator: ", "), console: console)
        defer { progress?.1.finish() }
        do {
            return try StationLoader.load(paths: paths, inputDatum: inputCrs, progress: progress?.0, keepingSources: true)
        } catch {
            throw error.reason == .missing ? CLIError.noInput("stations: \(error)") : CLIError.data("stations: \(error)")
        }
    }

    /// `--list-rules`: id, severity and what each rule looks for.
    static func ruleList() -> String {
        // Not a TextTable: summaries are read in full here, never cut.
        var rows = AuditRules.all.map { rule in (type(of: rule).id, type(of: rule).severity.rawValue, type(of: rule).summary) }
        rows.append(("coverage", "info", "stations per province and kind; isolated outdoor-worker stations per city"))
        let width = rows.map(\.0.count).max()! + 2
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        return ([pad("rule", width) + pad("severity", 9) + "looks for"] + rows.map { pad($0.0, width) + pad($0.1, 9) + $0.2 })
            .joined(separator: "\n") + "\n"
    }
}

/// Report formats of `audit`.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, geojson
}
