import Foundation
import StationAnalysis
import StationKit

extension StationsAPI {
    /// `POST /v1/audit` with a registry (CSV or GeoJSON; UTF-8 or GB18030) as the body: the
    /// `stations.audit/1` report `stations audit --format json` prints (`format=geojson`: the
    /// findings as coloured points, `--format geojson`); with `fix=true`, the cleaned
    /// file `stations audit --fix -o` writes. `name=registry.csv` names the upload in the report and
    /// picks the format (else the Content-Type, else the first byte).
    func audit(_ request: APIRequest) throws(APIProblem) -> APIResponse {
        let parameters = try APIParameters(request, known: Self.parameters["/v1/audit"]!)
        guard !request.body.isEmpty else {
            throw APIProblem(status: 400, title: "Missing registry", detail: "POST the registry as the body (CSV or GeoJSON, UTF-8 or GB18030)")
        }
        guard request.body.count <= limits.maxBodyBytes else { throw Self.tooLarge(request.body.count, limit: limits.maxBodyBytes) }
        let name = parameters.value("name").map { RecordError.excerpt($0) } ?? "upload"
        let inputDatum = try parameters.datum("input_crs")
        let fix = try parameters.bool("fix")
        let rules = try Self.auditRules(parameters)
        let hint = Self.formatHint(name: name, contentType: request.contentType)
        let reportFormat = try Self.format(parameters, among: ["json", "geojson"])

        let loaded: LoadResult
        do {
            loaded = try StationLoader.load(data: request.body, name: name, formatHint: hint, inputDatum: inputDatum, keepingSources: true)
        } catch {
            throw APIProblem(status: 422, title: "Unreadable registry", detail: "\(error)")
        }
        var report: AuditReport
        do {
            report = try Auditor(rules: rules.rules, coverage: rules.coverage).audit(loaded, files: [name])
        } catch {
            throw APIProblem(status: 500, title: "Audit failed", detail: "the embedded province outlines are unreadable: \(error)")
        }
        guard fix else {
            let captured = CapturedConsole()
            guard let output = try? OutputFile(path: nil, console: captured.console) else {
                throw APIProblem(status: 500, title: "Audit failed", detail: "no output")
            }
            if reportFormat == "geojson" {
                AuditGeoJSONReport.write(report, load: loaded, to: output)
            } else {
                AuditJSONReport.write(report, to: output)
            }
            try? output.commit()
            return APIResponse(contentType: reportFormat == "geojson" ? "application/geo+json" : "application/json",
                               body: Array(captured.output.utf8))
        }
        if let lost = loaded.unsplitRecords.first {
            throw APIProblem(status: 422, title: "Cannot clean",
                             detail: "no cleaned copy: \(lost) cannot be read as a record, so a copy would lose it; mend it by hand first")
        }
        let format = CleanedRecords.format(forPath: hint)
        let cleaned = Auditor.fix(loaded, report: &report)
        let fileName = (name as NSString).deletingPathExtension + "-cleaned." + format.rawValue
        return APIResponse(contentType: format == .csv ? "text/csv; charset=utf-8" : "application/geo+json",
                           body: CleanedRecords.encode(cleaned, as: format),
                           headers: [("Content-Disposition", "attachment; filename=\"\(fileName.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) })\""),
                                     ("X-Stations-Fixed", "\(report.changes.count)")])
    }

    /// A name ending in .csv/.geojson/.json decides; else `text/csv` or a JSON media type; else the bytes.
    static func formatHint(name: String, contentType: String?) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return name }
        let type = contentType?.lowercased() ?? ""
        if type.contains("csv") { return ".csv" }
        if type.contains("json") { return ".geojson" }
        return ""
    }

    /// `rules=a,b` as `stations audit --rules`: the named rules (`coverage` for the summary), else all.
    static func auditRules(_ parameters: APIParameters) throws(APIProblem) -> (rules: [any AuditRule], coverage: Bool) {
        guard let text = parameters.value("rules") else { return (AuditRules.all, true) }
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        switch AuditRules.selecting(ids.filter { $0 != "coverage" }) {
        case .success(let selected): return (selected, ids.contains("coverage"))
        case .failure(let error): throw .badParameter("rules", text, "\(error)")
        }
    }
}
