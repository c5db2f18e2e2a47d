import Dispatch
import StationKit

/// A one-line progress bar on standard error for long loads: shown only when stderr is a terminal
/// and the work has already taken a second, redrawn at most ten times a second, erased at the end.
final class ProgressLine: @unchecked Sendable {
    private let console: Console
    private let label: String
    private let verb: String
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDrawn: UInt64 = 0
    private var drawn = false

    init(console: Console, label: String, verb: String = "reading") {
        self.console = console
        self.label = label
        self.verb = verb
    }

    /// The reporter for a loader; nil when stderr is not a terminal (logs and pipes stay clean).
    static func forLoading(_ label: String, console: Console) -> (LoadProgress, ProgressLine)? {
        guard console.errorIsTerminal else { return nil }
        let line = ProgressLine(console: console, label: label)
        return (LoadProgress { line.update($0) }, line)
    }

    /// Called by ``LoadProgress`` under its lock, so never concurrently.
    func update(_ fraction: Double) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - start >= 1_000_000_000, now - lastDrawn >= 100_000_000 || fraction >= 1 else { return }
        lastDrawn = now
        drawn = true
        console.err("\r" + Self.render(label: label, fraction: fraction, verb: verb) + "\u{1B}[K")
    }

    /// Erases the line if anything was drawn.
    func finish() {
        if drawn { console.err("\r\u{1B}[K") }
    }

    static func render(label: String, fraction: Double, width: Int = 24, verb: String = "reading") -> String {
        let clamped = min(max(fraction, 0), 1)
        let filled = Int((clamped * Double(width)).rounded(.down))
        return "stations: \(verb) \(label) [" + String(repeating: "=", count: filled)
            + String(repeating: " ", count: width - filled) + "] \(Int((clamped * 100).rounded(.down)))%"
    }
}
