import Foundation

/// One reader under test; the raw value is the name `tools/fuzz.sh` and `STATIONS_FUZZ_TARGET` use.
enum FuzzTarget: String, CaseIterable, Sendable {
    case csv
    case geojson
    case openingHours = "opening-hours"
    case route
    case snapshot
    case batch

    /// Feeds `bytes` to the target's reader; traps when an invariant the target checks is broken.
    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .csv: CSVTarget.run(bytes)
        case .geojson: GeoJSONTarget.run(bytes)
        case .openingHours: OpeningHoursTarget.run(bytes)
        case .route: RouteTarget.run(bytes)
        case .snapshot: SnapshotTarget.run(bytes)
        case .batch: BatchTarget.run(bytes)
        }
    }
}

/// Options a target varies between runs (piece size, keeping sources, …), drawn from a hash of
/// the input rather than from bytes taken off its front: seed files stay the plain files they are
/// (a fixture is a valid seed as it is), and the same input always runs the same way, so a crash
/// reproduces from its file alone.
struct FuzzChoices {
    private let hash: UInt64

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // FNV-1a over the ends and the length: cheap, and a mutation almost anywhere in a small
        // input changes it.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes.prefix(32) + bytes.suffix(32) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        self.hash = (hash ^ UInt64(bytes.count)) &* 0x100_0000_01b3
    }

    /// Bit `n` of the hash.
    func flag(_ n: Int) -> Bool { hash >> UInt64(n) & 1 == 1 }

    /// A number in `0..<count`, from the hash bits from `n` up.
    func number(below count: Int, bits n: Int) -> Int { Int(hash >> UInt64(n) % UInt64(count)) }

    /// One of `options`, chosen by the hash bits from `n` up.
    func pick<T>(_ options: [T], bits n: Int) -> T { options[number(below: options.count, bits: n)] }
}

/// Traps with `message` when `condition` is false, in every build mode: a broken invariant must
/// reach libFuzzer as a crash, not be compiled away as an `assert` would be under `-O`.
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition { fatalError("invariant broken: \(message())", file: file, line: line) }
}
