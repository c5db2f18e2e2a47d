import Dispatch
import Foundation
import StationsCLI

/// Reloads the served data on SIGHUP, or when a `--data` file changes (size or modification time,
/// checked every `interval` seconds). Loading runs on its own queue while requests go on being
/// answered from the old data; the new data is swapped in only once it has loaded completely, and
/// a load that fails (a half-saved file, a bad record under --strict) keeps the old data.
final class DataReloader: @unchecked Sendable {
    private let paths: [String]
    private let interval: Double
    private let console: Console
    private let load: @Sendable () throws -> ServedData
    private let install: @Sendable (ServedData) -> Void
    private let report: @Sendable (Bool) -> Void
    private let queue = DispatchQueue(label: "stations.reload")
    private var signalSource: (any DispatchSourceSignal)?
    private var timer: (any DispatchSourceTimer)?
    private var fingerprint: [String]

    init(paths: [String], interval: Double, console: Console, load: @escaping @Sendable () throws -> ServedData,
         install: @escaping @Sendable (ServedData) -> Void, report: @escaping @Sendable (Bool) -> Void) {
        self.paths = paths
        self.interval = interval
        self.console = console
        self.load = load
        self.install = install
        self.report = report
        fingerprint = Self.fingerprint(of: paths)
    }

    func start() {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        source.setEventHandler { [weak self] in self?.reload(because: "SIGHUP") }
        source.resume()
        signalSource = source
        // Standard input and the embedded data cannot change; files can.
        let watched = paths.filter { $0 != "-" && !$0.hasPrefix("/dev/") }
        guard interval > 0, !watched.isEmpty else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            let now = Self.fingerprint(of: self.paths)
            guard now != self.fingerprint else { return }
            self.reload(because: "a --data file changed")
        }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        signalSource?.cancel()
        timer?.cancel()
    }

    /// Runs on `queue`, so two reloads never overlap.
    private func reload(because reason: String) {
        let started = Date()
        // Taken before loading: a change during the load triggers one more reload.
        fingerprint = Self.fingerprint(of: paths)
        do {
            let data = try load()
            install(data)
            report(true)
            console.err("stations: reloaded \(data.index.count) stations from \(data.source) (\(reason)) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s\n")
        } catch {
            report(false)
            console.err("stations: reload (\(reason)) failed, still serving the previous data: \(error)\n")
        }
    }

    /// Size and modification time of each file (missing: "-").
    static func fingerprint(of paths: [String]) -> [String] {
        paths.map { path in
            var info = stat()
            guard stat(path, &info) == 0 else { return "-" }
            return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
        }
    }
}
