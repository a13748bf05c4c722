// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Triage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "triage", targets: ["triage"]),
        .library(name: "TriageCore", targets: ["TriageCore"]),
        .library(name: "TriageStore", targets: ["TriageStore"]),
        .library(name: "TriageConsole", targets: ["TriageConsole"]),
        .library(name: "TriageTerminal", targets: ["TriageTerminal"]),
        .library(name: "TriageAutomation", targets: ["TriageAutomation"]),
        .library(name: "TriageDiscord", targets: ["TriageDiscord"]),
        .library(name: "TriagePostgres", targets: ["TriagePostgres"]),
        // The fake Discord, for the automation benchmark (Benchmarks/) as well as the tests.
        .library(name: "TriageTestSupport", targets: ["TriageTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        // Already in the graph through Hummingbird: named for the API's HTTP/1 guard (NIO's HTTP/1 parts).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // The PostgreSQL store (SPEC §10); its TLS through swift-nio-ssl, already in the graph through AsyncHTTPClient.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "TriageCore",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "TriageStore",
            dependencies: [
                "TriageCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The PostgreSQL store: its schema (the SQL files, embedded in the binary), roles, migrations and checks.
        .target(
            name: "TriagePostgres",
            dependencies: [
                "TriageCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("SQL/roles.sql"), .embedInCode("SQL/v1.sql")]
        ),
        .target(
            name: "TriageConsole",
            dependencies: ["TriageCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .target(
            name: "TriageTerminal",
            dependencies: ["TriageConsole", "TriageStore", "TriageCore", "CNCurses"]
        ),
        .target(
            name: "TriageAPI",
            dependencies: [
                "TriageCore",
                "TriageStore",
                "TriageDiscord",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "TriageDiscord",
            dependencies: [
                "TriageCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TriageAutomation",
            dependencies: [
                "TriageCore",
                "TriageStore",
                "TriageDiscord",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "triage",
            dependencies: [
                "TriageCore",
                "TriageStore",
                "TriageConsole",
                "TriageTerminal",
                "TriageAPI",
                "TriageAutomation",
                "TriageDiscord",
                "TriagePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // A fake Discord (webhooks, REST) on 127.0.0.1 for the Discord and automation tests.
        .target(
            name: "TriageTestSupport",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/TriageTestSupport"
        ),
        .testTarget(
            name: "TriageDiscordTests",
            dependencies: [
                "TriageDiscord", "TriageCore", "TriageTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "TriageAutomationTests",
            dependencies: [
                "TriageAutomation", "TriageDiscord", "TriageStore", "TriageCore", "TriageTestSupport", "TriageBackendSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "TriageCoreTests", dependencies: ["TriageCore"]),
        // The backends a shared suite runs on: SQLite always, PostgreSQL when TRIAGE_TEST_PGHOST names a server.
        .target(
            name: "TriageBackendSupport",
            dependencies: [
                "TriageCore", "TriageStore", "TriagePostgres", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TriageBackendSupport"
        ),
        // The TicketStoring conformance suite, run against every backend available (PostgreSQL when a server is named).
        .testTarget(
            name: "TriageConformanceTests",
            dependencies: [
                "TriageCore", "TriageStore", "TriagePostgres", "TriageBackendSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "TriagePostgresTests",
            dependencies: [
                "TriagePostgres", "TriageCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "TriageStoreTests", dependencies: ["TriageCore", "TriageStore"]),
        .testTarget(name: "TriageConsoleTests", dependencies: ["TriageConsole", "TriageCore"]),
        .testTarget(
            name: "TriageTerminalTests",
            dependencies: ["TriageTerminal", "TriageConsole", "TriageStore", "TriageCore", "TriageBackendSupport", "TriagePostgres"]),
        .testTarget(name: "TriageCLITests", dependencies: ["triage", "TriageCore", "TriageStore"]),
        .testTarget(
            name: "TriageAPITests",
            dependencies: [
                "TriageAPI", "TriageCore", "TriageStore", "TriageDiscord", "TriageTestSupport", "TriageBackendSupport", "TriagePostgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
