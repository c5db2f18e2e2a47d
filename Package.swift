// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "stations",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stations", targets: ["stations"]),
        .library(name: "StationKit", targets: ["StationKit"]),
        .library(name: "StationAnalysis", targets: ["StationAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // GEOS, the C library from Debian's libgeos-dev; only GEOSBridge may import it.
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .target(name: "GEOSBridge", dependencies: ["CGEOS"]),
        .target(name: "StationKit"),
        .target(name: "StationAnalysis", dependencies: ["StationKit", "GEOSBridge"]),
        .target(
            name: "StationsCLI",
            dependencies: [
                "StationKit", "StationAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "stations", dependencies: ["StationsCLI"]),
        // The benchmark of docs/BENCHMARKS.md (tools/bench.sh); not part of the product.
        .executableTarget(name: "stations-bench", dependencies: ["StationKit", "GEOSBridge"]),
        // What the test targets share (a seeded random generator); not part of any product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GEOSBridgeTests", dependencies: ["GEOSBridge"]),
        .testTarget(name: "StationKitTests", dependencies: ["StationKit", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StationAnalysisTests", dependencies: ["StationAnalysis", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StationsCLITests", dependencies: ["StationsCLI", "StationKit", "StationAnalysis", "TestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
