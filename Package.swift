// swift-tools-version:6.1
import PackageDescription

// Strict concurrency is the Swift 6 language mode default; these keep the code honest beyond it.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "dockerguard",
    products: [
        .executable(name: "dockerguard", targets: ["dockerguard"]),
        .executable(name: "dockerguard-tui", targets: ["dockerguard-tui"]),
        .library(name: "DockerEngine", targets: ["DockerEngine"]),
        .library(name: "GuardCore", targets: ["GuardCore"]),
        .library(name: "StatusServer", targets: ["StatusServer"]),
    ],
    dependencies: [
        // SwiftNIO directly for the engine socket: Hummingbird already builds it, so the client costs
        // no extra build time, and it streams /events without buffering (README, "Layout").
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // TLS to a remote engine (tcp:// with --tlsverify, a context's TLS files). Its BoringSSL is the
        // one new build cost of the engine client (BENCHMARKS.md, "Endpoints").
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Layered settings (file, DOCKERGUARD_* environment, flags); Hummingbird already builds it.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // Prometheus metrics: the guard counts into a Prometheus registry directly; swift-metrics is
        // bootstrapped onto the same registry so that what a library counts through its API shows too.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Property-based tests of the allow-list parser.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The Docker Engine API client: transport, API calls, the /events stream. No policy, no UI.
        .target(
            name: "DockerEngine",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The guard itself: the container store and its sync, the allow-list, the decision, the
        // enforcer, the audit log and the metrics. No HTTP server, no terminal.
        .target(
            name: "GuardCore",
            dependencies: [
                "DockerEngine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API, served from the store's snapshots.
        .target(
            name: "StatusServer",
            dependencies: [
                "GuardCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The authorization plugin's socket: NIO directly (an inherited descriptor, keep-alive).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What both executables share: the settings (file, environment, flags), the command-line
        // options, and the guard's parts wired together.
        .target(
            name: "GuardRuntime",
            dependencies: [
                "DockerEngine",
                "GuardCore",
                "StatusServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dockerguard",
            dependencies: [
                "DockerEngine",
                "GuardCore",
                "GuardRuntime",
                "StatusServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // ncursesw, with C wrappers for the macros and globals Swift cannot import (see shim.h).
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        // The dashboard without a terminal: rows, key handling, rendering to a grid of cells, themes.
        .target(
            name: "GuardTUI",
            dependencies: ["GuardCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dockerguard-tui",
            dependencies: [
                "CNcurses",
                "GuardCore",
                "GuardRuntime",
                "GuardTUI",
                "StatusServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The in-process scale benchmark (issue 16, BENCHMARKS.md "scale"): synthetic events through
        // the store, the enforcer, the API's encoders and the dashboard's rows, with allocation counts
        // from CMallocCounter (glibc's allocator interposed in this executable only).
        .target(name: "CMallocCounter"),
        .executableTarget(
            name: "dockerguard-bench-scale",
            dependencies: [
                "CMallocCounter", "DockerEngine", "GuardCore", "GuardTUI", "StatusServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["DockerEngine", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DockerEngineTests",
            dependencies: [
                "DockerEngine", "TestSupport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuardCoreTests",
            dependencies: [
                "GuardCore", "DockerEngine", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Runtime/Recorded")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StatusServerTests",
            dependencies: [
                "StatusServer", "GuardCore", "DockerEngine", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuardRuntimeTests",
            dependencies: [
                "GuardRuntime", "GuardCore", "DockerEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuardTUITests",
            dependencies: ["GuardTUI", "GuardCore"],
            resources: [.copy("Golden")],
            swiftSettings: swiftSettings
        ),
        // End to end: the real `dockerguard` binary against the private engine started by scripts/test.
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["DockerEngine", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
