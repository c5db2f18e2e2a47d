import Foundation

/// Reports how much of a load is done, from the parallel workers of a reader.
///
/// Workers call ``advance(by:)`` as they finish pieces, in any order and on any thread; the
/// report is made under a lock from the running total, so the fractions it receives only grow.
public final class LoadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let report: @Sendable (Double) -> Void
    private var total = 1
    private var done = 0

    /// `report` receives the fraction done, from 0 to 1.
    public init(report: @escaping @Sendable (Double) -> Void) {
        self.report = report
    }

    /// Starts counting `units` of work (bytes, features).
    func start(units: Int) {
        lock.withLock {
            total = max(units, 1)
            done = 0
        }
    }

    func advance(by units: Int) {
        lock.withLock {
            done = min(total, done + units)
            report(Double(done) / Double(total))
        }
    }
}
