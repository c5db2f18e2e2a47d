import Foundation

/// Request counts and latency histograms per endpoint, rendered as Prometheus text at /metrics.
///
/// A few dozen lines instead of swift-prometheus: the server needs two metric families, and every
/// dependency costs each CI run minutes of build. Labels are endpoint templates
/// (`/v1/stations/{id}`), never raw paths, so a client cannot grow the series without bound.
final class RequestMetrics: @unchecked Sendable {
    /// Upper bounds of the latency buckets, in seconds: 0.1 ms to 10 s.
    static let buckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]

    private struct Histogram {
        var counts = [Int](repeating: 0, count: RequestMetrics.buckets.count)
        var sum = 0.0
        var count = 0
    }

    private let lock = NSLock()
    private var requests: [String: [Int: Int]] = [:]
    private var latency: [String: Histogram] = [:]
    private var reloads = (succeeded: 0, failed: 0)
    let started = Date()

    func record(endpoint: String, status: Int, seconds: Double) {
        lock.withLock {
            requests[endpoint, default: [:]][status, default: 0] += 1
            var histogram = latency[endpoint] ?? Histogram()
            if let bucket = Self.buckets.firstIndex(where: { seconds <= $0 }) { histogram.counts[bucket] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            latency[endpoint] = histogram
        }
    }

    func recordReload(succeeded: Bool) {
        lock.withLock { if succeeded { reloads.succeeded += 1 } else { reloads.failed += 1 } }
    }

    /// The endpoint label of a path: API paths as their templates, anything else as "other".
    static func endpoint(method: String, path: String) -> String {
        let known = ["/v1/near", "/v1/stations", "/v1/along", "/v1/coverage", "/v1/audit", "/v1/regions", "/healthz", "/metrics",
                     "/openapi.json", "/"]
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if known.contains(trimmed) { return trimmed }
        if trimmed.hasPrefix("/v1/stations/") { return "/v1/stations/{id}" }
        if trimmed.hasPrefix("/leaflet/") { return "/leaflet/*" }
        return "other"
    }

    /// Prometheus text exposition format 0.0.4.
    func rendered(stations: Int) -> String {
        lock.withLock {
            var out = "# HELP stations_http_requests_total HTTP requests answered, by endpoint and status.\n"
            out += "# TYPE stations_http_requests_total counter\n"
            for endpoint in requests.keys.sorted() {
                for (status, count) in requests[endpoint]!.sorted(by: { $0.key < $1.key }) {
                    out += "stations_http_requests_total{endpoint=\"\(endpoint)\",status=\"\(status)\"} \(count)\n"
                }
            }
            out += "# HELP stations_http_request_duration_seconds Time from the request's head to the response, by endpoint.\n"
            out += "# TYPE stations_http_request_duration_seconds histogram\n"
            for endpoint in latency.keys.sorted() {
                let histogram = latency[endpoint]!
                var cumulative = 0
                for (bound, count) in zip(Self.buckets, histogram.counts) {
                    cumulative += count
                    out += "stations_http_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"\(bound)\"} \(cumulative)\n"
                }
                out += "stations_http_request_duration_seconds_bucket{endpoint=\"\(endpoint)\",le=\"+Inf\"} \(histogram.count)\n"
                out += "stations_http_request_duration_seconds_sum{endpoint=\"\(endpoint)\"} \(histogram.sum)\n"
                out += "stations_http_request_duration_seconds_count{endpoint=\"\(endpoint)\"} \(histogram.count)\n"
            }
            out += "# HELP stations_loaded_stations Stations the server answers from.\n# TYPE stations_loaded_stations gauge\n"
            out += "stations_loaded_stations \(stations)\n"
            out += "# HELP stations_reloads_total Data reloads (SIGHUP or a changed file), by result.\n# TYPE stations_reloads_total counter\n"
            out += "stations_reloads_total{result=\"ok\"} \(reloads.succeeded)\nstations_reloads_total{result=\"failed\"} \(reloads.failed)\n"
            out += "# HELP stations_uptime_seconds Seconds since the server started.\n# TYPE stations_uptime_seconds gauge\n"
            out += "stations_uptime_seconds \(JSONValueText.seconds(Date().timeIntervalSince(started)))\n"
            return out
        }
    }
}

enum JSONValueText {
    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}
