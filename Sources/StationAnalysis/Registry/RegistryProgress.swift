import Foundation

/// How far the matching of ``RegistryDiff`` or ``Reconciliation`` has got, for a progress line:
/// the work is a few steps, each given a share of the whole and counted in units (chunks of
/// records) that workers on any core may finish. `report` is called under a lock, never twice at
/// once, with the fraction of the whole done.
final class RegistryProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let report: @Sendable (Double) -> Void
    private var base = 0.0, share = 0.0, total = 1, done = 0

    init(_ report: @escaping @Sendable (Double) -> Void) {
        self.report = report
    }

    /// Starts a step that ends at `end` (of 1) and counts `units`.
    func step(to end: Double, units: Int) {
        lock.withLock {
            base += share
            share = max(end - base, 0)
            total = max(units, 1)
            done = 0
            report(base)
        }
    }

    /// Counts `units` more of the current step done.
    func advance(by units: Int = 1) {
        lock.withLock {
            done = min(total, done + units)
            report(base + share * Double(done) / Double(total))
        }
    }
}
