// swift-tools-version:6.2
// The store benchmark: a package of its own, so that the main package's `swift build` / `swift test` never build it.
// Run it with `bash Benchmarks/run.sh` from the repository root (it seeds the stores first), or, once the stores
// exist, `swift package --package-path Benchmarks benchmark`.
import PackageDescription

let package = Package(
    name: "TriageBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Triage", path: ".."),
        // The same GRDB as the store, for the benchmark's read-only side connection (sampling ticket ids).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // ordo-one/benchmark is the package's current name (it was package-benchmark); same 1.38.1 either way.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "StoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TriageStore", package: "Triage"),
                .product(name: "TriageCore", package: "Triage"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/StoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // What the figure programs share (CPU time, percentiles).
        .target(name: "FigureSupport", path: "Benchmarks/FigureSupport"),
        // The console's figures: CPU per frame, bytes sent to the terminal, commit-to-screen latency.
        // `swift run -c release --package-path Benchmarks ConsoleFigures`
        .executableTarget(
            name: "ConsoleFigures",
            dependencies: [
                "FigureSupport",
                .product(name: "TriageConsole", package: "Triage"),
                .product(name: "TriageTerminal", package: "Triage"),
                .product(name: "TriageStore", package: "Triage"),
                .product(name: "TriageCore", package: "Triage"),
            ],
            path: "Benchmarks/ConsoleFigures"
        ),
        // The automation runner's figures: breach-to-page latency, a scan at 1M tickets, delivery throughput, idle CPU.
        // `swift run -c release --package-path Benchmarks AutomationFigures`
        .executableTarget(
            name: "AutomationFigures",
            dependencies: [
                "FigureSupport",
                .product(name: "TriageAutomation", package: "Triage"),
                .product(name: "TriageDiscord", package: "Triage"),
                .product(name: "TriageTestSupport", package: "Triage"),
                .product(name: "TriageStore", package: "Triage"),
                .product(name: "TriageCore", package: "Triage"),
            ],
            path: "Benchmarks/AutomationFigures"
        ),
        // The PostgreSQL store beside SQLite on the same data (Benchmarks/postgres/load.sh fills the database).
        // `swift run -c release --package-path Benchmarks PostgresFigures POSTGRES_ADDRESS SQLITE_STORE`
        .executableTarget(
            name: "PostgresFigures",
            dependencies: [
                "FigureSupport",
                .product(name: "TriagePostgres", package: "Triage"),
                .product(name: "TriageStore", package: "Triage"),
                .product(name: "TriageCore", package: "Triage"),
                .product(name: "TriageConsole", package: "Triage"),
                .product(name: "TriageTerminal", package: "Triage"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/PostgresFigures"
        ),
    ],
    swiftLanguageModes: [.v6]
)
