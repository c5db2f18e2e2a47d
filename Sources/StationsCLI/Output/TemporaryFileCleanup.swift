import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the temporary files of outputs still being written when SIGINT (Ctrl-C) or SIGTERM
/// arrives, then lets the signal end the process as it would have (a shell shows 130 or 143), so an
/// interrupted `-o` leaves neither a half-written target nor a `.NAME.tmp-PID` beside it.
///
/// A signal handler may only call async-signal-safe functions, and may run on any thread at any
/// moment. So the paths live in fixed slots of C strings, filled before the file is created (with
/// the two signals blocked on the registering thread); the handler only reads them, calls unlink(2), restores the default action and raises
/// the signal again. It allocates, locks and frees nothing. Slots are never freed, only reused, so a
/// handler running on another thread can never read freed memory.
///
/// SIGKILL cannot be caught: after `kill -9` the temporary file stays (the target is still whole).
enum TemporaryFileCleanup {
    /// Outputs a process writes at once (commands write one or two).
    static let capacity = 16
    private static let slotBytes = Int(PATH_MAX) + 1

    /// Per slot: nonzero while its path belongs to an output being written.
    private nonisolated(unsafe) static let inUse: UnsafeMutablePointer<sig_atomic_t> = {
        let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: capacity)
        flags.initialize(repeating: 0, count: capacity)
        return flags
    }()

    /// `capacity` NUL-terminated paths of `slotBytes` each.
    private nonisolated(unsafe) static let paths: UnsafeMutablePointer<CChar> = {
        let bytes = UnsafeMutablePointer<CChar>.allocate(capacity: capacity * slotBytes)
        bytes.initialize(repeating: 0, count: capacity * slotBytes)
        return bytes
    }()

    /// Guards the slots against other threads registering (never taken by the handler).
    private static let lock = NSLock()
    private nonisolated(unsafe) static var installed = false

    /// Makes the handler remove `path` on SIGINT/SIGTERM until ``unregister(_:)``; returns the slot,
    /// nil when every slot is taken or the path is too long (the file is then only not cleaned up
    /// on a signal).
    static func register(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        installHandlersOnce()
        let blocked = blockingSignals()
        defer { restore(blocked) }
        let bytes = Array(path.utf8)
        guard bytes.count < slotBytes, let slot = (0..<capacity).first(where: { inUse[$0] == 0 }) else { return nil }
        let target = paths + slot * slotBytes
        bytes.withUnsafeBufferPointer { source in
            for (offset, byte) in source.enumerated() { target[offset] = CChar(bitPattern: byte) }
        }
        target[bytes.count] = 0
        // The flag after the path, with both signals blocked on this thread (the calls also keep
        // the compiler from reordering the stores): a handler here sees no flag or the whole path.
        // On another thread, in the nanoseconds of a reuse, it could see a mix of two of our own
        // temporary paths; it never reads freed memory.
        inUse[slot] = 1
        return slot
    }

    /// The output is renamed into place or removed: the handler leaves its path alone from now on.
    static func unregister(_ slot: Int) {
        lock.lock()
        defer { lock.unlock() }
        let blocked = blockingSignals()
        defer { restore(blocked) }
        inUse[slot] = 0
    }

    /// Blocks SIGINT and SIGTERM on this thread; returns the mask to restore.
    private static func blockingSignals() -> sigset_t {
        var signals = sigset_t(), previous = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, &previous)
        return previous
    }

    private static func restore(_ mask: sigset_t) {
        var mask = mask
        pthread_sigmask(SIG_SETMASK, &mask, nil)
    }

    /// Installs the handler for SIGINT and SIGTERM where their action is the default one: a signal
    /// the process was started ignoring (`nohup`) stays ignored, and another handler is left alone.
    private static func installHandlersOnce() {
        guard !installed else { return }
        installed = true
        // Touch the storage now, so the handler never runs its lazy initialisation.
        _ = inUse
        _ = paths
        for signal in [SIGINT, SIGTERM] {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0, current.handlerAddress == unsafeBitCast(SIG_DFL, to: Int.self) else { continue }
            var action = sigaction()
            let handler: @convention(c) (Int32) -> Void = { TemporaryFileCleanup.handle($0) }
            action.handlerAddress = unsafeBitCast(handler, to: Int.self)
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    /// The handler: async-signal-safe calls only.
    fileprivate static func handle(_ signal: Int32) {
        for slot in 0..<capacity where inUse[slot] != 0 { unlink(paths + slot * slotBytes) }
        // The default action again, and the signal again: the process ends as if never caught, so
        // the parent sees "terminated by SIGTERM" (a shell: 143), not an exit status we chose.
        var action = sigaction()
        action.handlerAddress = unsafeBitCast(SIG_DFL, to: Int.self)
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        raise(signal)
    }
}

/// The handler field of `struct sigaction` as an address (Glibc and Darwin name the field
/// differently), to compare with SIG_DFL and to set.
private extension sigaction {
    var handlerAddress: Int {
        get {
            #if canImport(Glibc)
            unsafeBitCast(__sigaction_handler.sa_handler, to: Int.self)
            #else
            unsafeBitCast(__sigaction_u.__sa_handler, to: Int.self)
            #endif
        }
        set {
            let handler = unsafeBitCast(newValue, to: (@convention(c) (Int32) -> Void)?.self)
            #if canImport(Glibc)
            __sigaction_handler.sa_handler = handler
            #else
            __sigaction_u.__sa_handler = handler
            #endif
        }
    }
}
