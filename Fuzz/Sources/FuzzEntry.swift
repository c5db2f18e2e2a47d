import Foundation

// The libFuzzer entry points. The harness is compiled into one binary together with every
// StationKit source file (see tools/fuzz.sh), so it reaches the readers' internal entry points
// (the in-place UTF-8 paths, a small CSV piece size) exactly as the loaders call them.

/// The target this process fuzzes, read once from `STATIONS_FUZZ_TARGET`.
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["STATIONS_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set STATIONS_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

/// Chooses the target before the first input, so a misspelt name fails at once rather than
/// after libFuzzer has read the whole corpus.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    // Seed snapshots are written by this same binary, so they always match the format it reads.
    if let path = ProcessInfo.processInfo.environment["STATIONS_FUZZ_WRITE_SNAPSHOT"] {
        SnapshotTarget.writeSeed(to: path)
        exit(0)
    }
    if selectedTarget == .snapshot {
        // The one file the harness writes; a crash leaves it behind, a normal end does not.
        atexit { unlink(SnapshotTarget.path) }
    }
    return 0
}

/// Runs one input through the selected target. Returning normally means "no bug"; a bug traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selectedTarget.run(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size))
    return 0
}
