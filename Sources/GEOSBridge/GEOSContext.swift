internal import CGEOS
import Foundation

/// One GEOS context handle (`GEOS_init_r`), with GEOS's error messages collected for typed errors.
///
/// GEOS contexts are not thread-safe: use one per unit of work (one per thread, or one per
/// command), never one per operation (that is wasteful) and never one shared between threads.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The last message GEOS reported through the error handler, cleared before each call that checks it.
    var lastError: String?

    /// Creates a context. GEOS's own allocation failure here is a programmer-level impossibility.
    public init() {
        // GEOS_init_r returns NULL only when memory is exhausted.
        guard let handle = GEOS_init_r() else { preconditionFailure("GEOS_init_r returned NULL") }
        self.handle = handle
        let box = Unmanaged.passUnretained(self).toOpaque()
        // The handler receives `self` back as userdata; it must not capture, being a C function pointer.
        GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let userdata else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            context.lastError = message.map { String(cString: $0) } ?? "unknown GEOS error"
        }, box)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The version string of the GEOS library linked at run time.
    public static var version: String { String(cString: GEOSversion()) }

    /// Takes and clears the last error message.
    func takeError() -> String {
        defer { lastError = nil }
        return lastError ?? "no message from GEOS"
    }
}
