import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `stations` binary started with posix_spawn, for tests that signal it mid-run.
///
/// Not Foundation's `Process`: that reaps the child on its own, after which its pid may belong to
/// another process by the time a test sends a signal. Here the child stays ours (a zombie at worst)
/// until ``wait()`` reaps it, so `kill` can only ever reach it. Its output goes to /dev/null; the
/// signals start at their default action whatever the test runner does with them.
final class SpawnedProcess {
    let pid: pid_t
    private var status: Int32?

    init(_ arguments: [String], executable: String? = nil) throws {
        let path = try executable ?? stationsBinary().path
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "STATIONS_DATA")
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var child: pid_t = 0
        let result = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        pid = child
    }

    /// Whether the child is still running (reaps it when it has ended).
    var isRunning: Bool {
        guard status == nil else { return false }
        var raw: Int32 = 0
        if waitpid(pid, &raw, WNOHANG) == pid { status = raw }
        return status == nil
    }

    /// Sends `signal` unless the child has already been reaped.
    func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// How the child ended: its exit status, or the signal that ended it.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)
        var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    /// Waits for the child to end.
    @discardableResult
    func wait() -> Ending {
        if status == nil {
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
            status = raw
        }
        let raw = status!
        // The <sys/wait.h> macros, which Swift does not import.
        return raw & 0x7F == 0 ? .exited((raw >> 8) & 0xFF) : .signalled(raw & 0x7F)
    }

    /// Polls every millisecond until `condition` holds or the child ends; true when it held.
    func waitUntil(_ condition: () -> Bool) -> Bool {
        while !condition() {
            guard isRunning else { return condition() }
            usleep(1000)
        }
        return true
    }
}

/// Whether a file exists at `path`.
func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }
