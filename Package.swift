// swift-tools-version: 6.1
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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The HTTP server of `stations serve`; its swift-configuration support is left out (traits: []).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already in Hummingbird's graph; named for HTTPField (custom response headers).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
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
        // `stations serve`: the HTTP API over the same queries and renderers as the CLI.
        .target(
            name: "StationsServer",
            dependencies: [
                "StationKit", "StationAnalysis", "StationsCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources/map.html"), .copy("Resources/openapi.json")]
        ),
        .executableTarget(name: "stations", dependencies: ["StationsCLI", "StationsServer"]),
        // The benchmark of docs/BENCHMARKS.md (tools/bench.sh); not part of the product.
        .executableTarget(name: "stations-bench", dependencies: ["StationKit", "GEOSBridge"]),
        // What the test targets share (a seeded random generator); not part of any product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GEOSBridgeTests", dependencies: ["GEOSBridge"]),
        .testTarget(name: "StationKitTests", dependencies: ["StationKit", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StationAnalysisTests", dependencies: ["StationAnalysis", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StationsServerTests", dependencies: ["StationsServer", "StationsCLI", "StationKit", "TestSupport"]),
        .testTarget(name: "StationsCLITests", dependencies: ["StationsCLI", "StationKit", "StationAnalysis", "TestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
