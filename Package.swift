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
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "TriageCore",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
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
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "TriageCoreTests", dependencies: ["TriageCore"]),
        .testTarget(name: "TriageStoreTests", dependencies: ["TriageCore", "TriageStore"]),
        .testTarget(name: "TriageConsoleTests", dependencies: ["TriageConsole", "TriageCore"]),
        .testTarget(name: "TriageTerminalTests", dependencies: ["TriageTerminal", "TriageConsole", "TriageStore", "TriageCore"]),
        .testTarget(name: "TriageCLITests", dependencies: ["triage", "TriageCore", "TriageStore"]),
        .testTarget(
            name: "TriageAPITests",
            dependencies: [
                "TriageAPI", "TriageCore", "TriageStore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
