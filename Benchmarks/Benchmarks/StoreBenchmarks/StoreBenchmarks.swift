import Benchmark
import Foundation
import GRDB
import TriageCore
import TriageStore

// The store benchmark (docs/PERFORMANCE.md): the reads an agent's console makes all day, and ticket creation, on
// seeded stores of 10k, 100k and 1M tickets. `bash Benchmarks/run.sh` seeds the stores and runs this; a store file
// that is missing is skipped with a message.
//
// The seeded stores' data are only read (opening one as a GRDB pool writes an empty create-and-drop to its WAL, nothing
// else). Creation runs on a scratch copy of the seeded store, deleted afterwards.

/// The stores, `bench-data/store-<size>.sqlite` at the repository root ($TRIAGE_BENCH_DATA names another folder).
let sizes = ["10k", "100k", "1M"]

let benchmarks: @Sendable () -> Void = {
    // Only wall clock and throughput: the figures docs/PERFORMANCE.md compares with the targets.
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], warmupIterations: 5)

    for size in sizes {
        let path = Fixtures.storePath(size)
        guard FileManager.default.fileExists(atPath: path) else {
            Fixtures.skipping(size, path: path)  // the other sizes still run
            continue
        }
        registerReads(size)
        registerCreate(size)
    }
}

let agent = Principal.agent("bench")

func registerReads(_ size: String) {
    let quick = Benchmark.Configuration(maxDuration: .seconds(2), maxIterations: 5_000)
    let stats = Benchmark.Configuration(warmupIterations: 3, maxDuration: .seconds(3), maxIterations: 500)

    // (1) The queue's first page, as an agent's console shows it.
    Benchmark("\(size) queue top 50", configuration: quick) { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            let page = try fixture.store.queue(QueueFilter(limit: 50), as: agent)
            blackHole(page)
        }
    } setup: {
        try Fixtures.shared.fixture(size)
    }

    // (2) A ticket with its thread and event log, by id; a different sampled id each iteration.
    Benchmark("\(size) ticket by id", configuration: quick) { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            let id = fixture.ids[benchmark.currentIteration % fixture.ids.count]
            blackHole(try fixture.store.detail(id, as: agent))
        }
    } setup: {
        try Fixtures.shared.fixture(size)
    }

    // (3) The weekly stats page: the figures of one ISO week and its reminder list (the week in progress only). "Now"
    // is the store's newest ticket (the moment it was seeded), so the current week is the one its data end in,
    // however old the file is.
    Benchmark("\(size) weekly stats current week", configuration: stats) { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.store.weeklyStats(fixture.currentWeek, as: agent, now: fixture.now))
            blackHole(try fixture.store.reminders(for: fixture.currentWeek, as: agent, now: fixture.now))
        }
    } setup: {
        try Fixtures.shared.fixture(size)
    }

    Benchmark("\(size) weekly stats week -26", configuration: stats) { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.store.weeklyStats(fixture.oldWeek, as: agent, now: fixture.now))
            blackHole(try fixture.store.reminders(for: fixture.oldWeek, as: agent, now: fixture.now))
        }
    } setup: {
        try Fixtures.shared.fixture(size)
    }
}

// (4) Ticket creation (one write transaction each: ticket, event, day counter, outbox), on a scratch copy of the
// store. "create ticket" times single creates (latency; its throughput column is the rate of a typical create);
// "create ticket sustained" times runs of 200 back to back, WAL checkpoints included, and reports creates per second.
let createsPerRun = 200
let createsPerSecond = BenchmarkMetric.custom("creates/s", polarity: .prefersLarger, useScalingFactor: false)

func registerCreate(_ size: String) {
    Benchmark(
        "\(size) create ticket",
        configuration: .init(
            warmupIterations: 20, maxDuration: .seconds(3), maxIterations: 5_000, teardown: { Fixtures.shared.dropScratch(size) })
    ) { benchmark, scratch in
        for _ in benchmark.scaledIterations {
            blackHole(try scratch.create(newTicket(benchmark.currentIteration), as: agent, now: Date()))
        }
    } setup: {
        try Fixtures.shared.scratch(size)
    }

    Benchmark(
        "\(size) create ticket sustained",
        configuration: .init(
            metrics: [.wallClock, createsPerSecond], warmupIterations: 1, maxDuration: .seconds(3), maxIterations: 100,
            teardown: { Fixtures.shared.dropScratch(size) })
    ) { benchmark, scratch in
        let clock = ContinuousClock()
        let start = clock.now
        for n in 0..<createsPerRun {
            blackHole(try scratch.create(newTicket(benchmark.currentIteration * createsPerRun + n), as: agent, now: Date()))
        }
        let elapsed = (clock.now - start) / .nanoseconds(1)
        benchmark.measurement(createsPerSecond, Int((Double(createsPerRun) * 1e9 / elapsed).rounded()))
    } setup: {
        try Fixtures.shared.scratch(size)
    }
}

func newTicket(_ n: Int) -> NewTicket {
    NewTicket(
        requester: UserID(UInt64(100_000 + n % 5_000)), subject: "Benchmark ticket \(n)",
        category: Category.allCases[n % Category.allCases.count], priority: Priority.allCases[n % Priority.allCases.count],
        description: "A ticket the store benchmark opened (number \(n)); the scratch store it lives in is deleted afterwards.")
}

/// What the read benchmarks of one store share: the open store, ticket ids sampled once, and the weeks to read.
struct Fixture: Sendable {
    let store: TicketStore
    let ids: [String]
    let now: Date
    var currentWeek: ISOWeek { ISOWeek(containing: now) }
    var oldWeek: ISOWeek { ISOWeek(containing: now.addingTimeInterval(-26 * 7 * 86_400)) }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
}

/// The store a benchmark reads (the tool runs each benchmark in a process of its own) and the scratch copies.
final class Fixtures: @unchecked Sendable {
    static let shared = Fixtures()
    private let lock = NSLock()
    private var fixtures: [String: Fixture] = [:]
    private var scratches: [String: (store: TicketStore, path: String)] = [:]
    /// `bench-data/` at the repository root: this file is Benchmarks/Benchmarks/StoreBenchmarks/StoreBenchmarks.swift.
    static var dataFolder: String {
        if let folder = ProcessInfo.processInfo.environment["TRIAGE_BENCH_DATA"], !folder.isEmpty { return folder }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("bench-data").path
    }

    static func storePath(_ size: String) -> String { "\(dataFolder)/store-\(size.lowercased()).sqlite" }

    /// Writes the skip message for `size` once per run: the tool starts a process to list the benchmarks and one per
    /// benchmark, all children of the same tool process, so a marker named after it lets the first one speak.
    static func skipping(_ size: String, path: String) {
        let marker = "\(NSTemporaryDirectory())/triage-bench-\(getppid())-skip-\(size)"
        let fd = open(marker, O_CREAT | O_EXCL | O_WRONLY, 0o644)
        guard fd >= 0 else { return }
        close(fd)
        FileHandle.standardError.write(
            Data("StoreBenchmarks: no store at \(path): skipping the \(size) benchmarks (bash Benchmarks/run.sh seeds it)\n".utf8))
    }

    func fixture(_ size: String) throws -> Fixture {
        lock.lock()
        defer { lock.unlock() }
        if let fixture = fixtures[size] { return fixture }
        let path = Self.storePath(size)
        guard FileManager.default.fileExists(atPath: path) else { throw FixtureError(description: "no store at \(path)") }
        let store = try TicketStore.open(path: path)
        let plan = try store.queuePlan()
        if !plan.contains("tickets_queue") {
            FileHandle.standardError.write(Data("StoreBenchmarks: the queue query does not use tickets_queue at \(size):\n\(plan)\n".utf8))
        }
        // A side connection, read-only, to sample ids and find the seeding time (the store's API has neither).
        var configuration = Configuration()
        configuration.readonly = true
        let side = try DatabaseQueue(path: path, configuration: configuration)
        let (ids, newest) = try side.read { db -> ([String], Double?) in
            var generator = SystemRandomNumberGenerator()
            var ids: Set<String> = []
            // Random ids, then the first stored id at or after each: a uniform-enough sample by primary-key seeks.
            for _ in 0..<2_000 {
                let probe = TicketID.random(using: &generator).rawValue
                if let id = try String.fetchOne(db, sql: "SELECT id FROM tickets WHERE id >= ? ORDER BY id LIMIT 1", arguments: [probe]) {
                    ids.insert(id)
                }
            }
            let newest = try Double.fetchOne(db, sql: "SELECT MAX(created_at) FROM tickets")
            return (ids.shuffled(), newest)
        }
        try side.close()
        guard !ids.isEmpty, let newest else { throw FixtureError(description: "the store at \(path) holds no tickets") }
        let fixture = Fixture(store: store, ids: ids, now: Date(timeIntervalSince1970: newest))
        fixtures[size] = fixture
        return fixture
    }

    /// A copy of the seeded store, for creation, in bench-data/ (git-ignored); `dropScratch` deletes it.
    func scratch(_ size: String) throws -> TicketStore {
        lock.lock()
        defer { lock.unlock() }
        let source = Self.storePath(size)
        let path = "\(Self.dataFolder)/scratch-\(size.lowercased())-\(getpid()).sqlite"
        let files = FileManager.default
        Self.remove(path)
        try files.copyItem(atPath: source, toPath: path)
        // The seeded store's WAL (GRDB's empty create-and-drop, or whatever a reader left) belongs to the copy too.
        if let size = try? files.attributesOfItem(atPath: source + "-wal")[.size] as? Int, size > 0 {
            try files.copyItem(atPath: source + "-wal", toPath: path + "-wal")
        }
        let store = try TicketStore.open(path: path)
        scratches[size] = (store, path)
        return store
    }

    func dropScratch(_ size: String) {
        lock.lock()
        defer { lock.unlock() }
        guard let scratch = scratches.removeValue(forKey: size) else { return }
        Self.remove(scratch.path)
    }

    static func remove(_ path: String) {
        for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    }
}
