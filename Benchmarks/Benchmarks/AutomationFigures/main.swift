import FigureSupport
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TriageAutomation
import TriageCore
import TriageDiscord
import TriageStore
import TriageTestSupport

// The automation runner's figures (docs/PERFORMANCE.md), against the fake Discord on 127.0.0.1:
//   1. breach to page: from a ticket's due instant to the page's arrival at the fake, over 100 tickets (p50/p95);
//   2. a scan of a seeded 1M-ticket store with nothing due, and the catch-up pass after the migration;
//   3. delivery throughput to a fake with no rate limit;
//   4. the idle runner's CPU.
// `swift run -c release --package-path Benchmarks AutomationFigures [--store bench-data/store-1M.sqlite]`

func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

/// Prints a line at once (stdout is fully buffered when it is a file).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func scratchStore(policy: SLAPolicy? = nil) throws -> TicketStore {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("triage-automation-figures-\(UUID().uuidString)")
    return try TicketStore.open(path: dir.appendingPathComponent("store.sqlite").path, policy: policy)
}

func config(_ fake: FakeDiscord) -> TriageConfig {
    var config = TriageConfig()
    config.webhooks.adminTickets = fake.webhookURL(id: "100000000000000001")
    config.webhooks.oncall = fake.webhookURL(id: "100000000000000002")
    config.webhooks.senior = fake.webhookURL(id: "100000000000000003")
    config.discord.oncallRoleID = "555000000000000001"
    return config
}

let requester = UserID(123_456_789_012_345_678)
let quiet = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }


func newTicket(_ priority: Priority, _ i: Int) -> NewTicket {
    NewTicket(requester: requester, subject: "Ticket \(i)", category: .billing, priority: priority, description: "Benchmark")
}

/// 1. Breach to page: 100 critical tickets with a 10.8 s SLA, opened 50 ms apart, the runner as `triage serve` runs it.
func breachToPage() async throws {
    let policy = try SLAPolicy(toml: "[priority_hours]\ncritical = 0.003\n[warning_lead_hours]\ncritical = 0\n")
    let store = try scratchStore(policy: policy)
    let fake = try await FakeDiscord.start()
    let runner = AutomationRunner(store: store, config: config(fake), client: DiscordClient(logger: quiet), logger: quiet)
    let service = AutomationService(runner: runner)
    let task = Task { try await service.run() }
    var due: [String: Date] = [:]
    for i in 0..<100 {
        let ticket = try store.create(newTicket(.critical, i), as: .user(requester), now: Date())
        due[ticket.id.rawValue] = ticket.sla.dueAt
        try await Task.sleep(for: .milliseconds(50))
    }
    // Map the fake's monotonic arrival instants to wall-clock time.
    let (wall, mono) = (Date(), ContinuousClock.now)
    _ = try await fake.waitForRequests(count: 100 * 4, timeout: .seconds(60))  // per ticket: two at creation, two at the breach
    var latencies: [Double] = []
    for request in await fake.requests() where request.webhookID == "100000000000000002" && request.bodyText.contains("SLA dépassé") {
        guard let id = due.keys.first(where: { request.bodyText.contains($0) }) else { continue }
        let arrival = wall.addingTimeInterval(Double((request.arrival - mono).components.attoseconds) / 1e18 + Double((request.arrival - mono).components.seconds))
        latencies.append(arrival.timeIntervalSince(due[id]!))
    }
    task.cancel()
    _ = await task.result
    await fake.stop()
    say("1. breach to page, \(latencies.count) tickets: p50 \(ms(percentile(latencies, 0.5))), p95 \(ms(percentile(latencies, 0.95))), max \(ms(latencies.max() ?? 0))")
}

/// 2. Scans of a seeded store: the first pass after the migration (every live ticket's timer is due once), then the
/// steady state with nothing due.
func scans(path: String) async throws {
    if !FileManager.default.fileExists(atPath: path) {
        say("   seeding 1,000,000 tickets into \(path)…")
        let seeded = try TicketStore.open(path: path)
        _ = try seeded.seed(tickets: 1_000_000, weeks: 26, seed: 7, now: Date()) { _ in }
    }
    let store = try TicketStore.open(path: path)
    let count = try store.queue(QueueFilter(limit: 1), as: .admin("bench"))
    _ = count
    var config = TriageConfig()
    config.log.file = nil
    let runner = AutomationRunner(store: store, config: config, client: DiscordClient(logger: quiet), logger: quiet)
    var start = Date()
    let first = try await runner.scan(now: Date())
    say("2. first scan after the migration: \(first.tickets) tickets looked at, \(first.facts) facts, \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    var times: [Double] = []
    for _ in 0..<200 {
        start = Date()
        _ = try await runner.scan(now: Date())
        times.append(Date().timeIntervalSince(start))
    }
    say("   steady-state scan (nothing due): p50 \(ms(percentile(times, 0.5))), p95 \(ms(percentile(times, 0.95)))")
    // 4. The idle runner: the service loop for 10 s on this store with nothing to do.
    let service = AutomationService(runner: runner)
    let task = Task { try await service.run() }
    try await Task.sleep(for: .seconds(2))
    let (cpu0, wall0) = (cpuSeconds(), Date())
    try await Task.sleep(for: .seconds(10))
    let cpu = (cpuSeconds() - cpu0) / Date().timeIntervalSince(wall0)
    task.cancel()
    _ = await task.result
    say("4. idle runner: \(String(format: "%.3f", cpu * 100))% of a core")
    // 5. Weekly stats from history on the same store, for every week of the seeded window and the one before it
    // (the target is "any week"): the slowest week's p50 and p95, and this week's.
    var week = ISOWeek(containing: Date())
    var results: [(week: ISOWeek, opened: Int, p50: Double, p95: Double)] = []
    for _ in 0...27 {
        var times: [Double] = []
        var opened = 0
        for _ in 0..<30 {
            let start = Date()
            opened = try store.weeklyStats(week, as: .admin("bench"), now: Date()).opened
            times.append(Date().timeIntervalSince(start))
        }
        results.append((week, opened, percentile(times, 0.5), percentile(times, 0.95)))
        week = week.previous
    }
    let slowest = results.max { $0.p95 < $1.p95 }!
    let busiest = results.max { $0.opened < $1.opened }!
    say("5. weekly stats, this week \(results[0].week): p50 \(ms(results[0].p50)), p95 \(ms(results[0].p95))")
    say("5. weekly stats, busiest week \(busiest.week) (\(busiest.opened) opened): p50 \(ms(busiest.p50)), p95 \(ms(busiest.p95))")
    say("5. weekly stats, slowest of \(results.count) weeks \(slowest.week) (\(slowest.opened) opened): p50 \(ms(slowest.p50)), p95 \(ms(slowest.p95))")
}

/// 3. Throughput: 2,000 notifications waiting for three webhooks (one request in flight each), drained by one pass.
func throughput() async throws {
    let store = try scratchStore()
    let fake = try await FakeDiscord.start()
    var config = config(fake)
    config.log.file = nil
    for i in 0..<1000 { try store.create(newTicket(i % 2 == 0 ? .critical : .high, i), as: .user(requester), now: Date()) }
    let runner = AutomationRunner(store: store, config: config, client: DiscordClient(logger: quiet), logger: quiet)
    let start = Date()
    let report = try await runner.pass(now: { Date() })
    let elapsed = Date().timeIntervalSince(start)
    await fake.stop()
    say("3. delivery: \(report.delivered) notifications to 3 webhooks in \(String(format: "%.2f", elapsed)) s = \(Int(Double(report.delivered) / elapsed))/s")
}

/// 3b. The same without the network: 2,000 notifications to the JSON-lines log only (the store's share of the cost).
func logThroughput() async throws {
    let store = try scratchStore()
    var config = TriageConfig()
    config.log.file = FileManager.default.temporaryDirectory.appendingPathComponent("triage-figures-\(UUID().uuidString).jsonl").path
    for i in 0..<2000 { try store.create(newTicket(.medium, i), as: .user(requester), now: Date()) }
    let runner = AutomationRunner(store: store, config: config, client: DiscordClient(logger: quiet), logger: quiet)
    let start = Date()
    let report = try await runner.pass(now: { Date() })
    let elapsed = Date().timeIntervalSince(start)
    say("   the log file alone: \(report.delivered) notifications in \(String(format: "%.2f", elapsed)) s = \(Int(Double(report.delivered) / elapsed))/s")
}

let arguments = CommandLine.arguments
let storePath = arguments.firstIndex(of: "--store").map { arguments[$0 + 1] } ?? "bench-data/store-1M.sqlite"

say("Automation figures, \(ISO8601DateFormatter().string(from: Date()))")
if let index = arguments.firstIndex(of: "--stats-weeks-back") {
    // Only the weekly stats, many times (for a profiler): `--stats-weeks-back 26`.
    let store = try TicketStore.open(path: storePath)
    var week = ISOWeek(containing: Date())
    for _ in 0..<Int(arguments[index + 1])! { week = week.previous }
    let start = Date()
    for _ in 0..<200 { _ = try store.weeklyStats(week, as: .admin("bench"), now: Date()) }
    say("weekly stats \(week): \(ms(Date().timeIntervalSince(start) / 200)) a call")
    exit(0)
}
if !arguments.contains("--delivery-only") { try await breachToPage() }
try await throughput()
try await logThroughput()
if !arguments.contains("--delivery-only") { try await scans(path: storePath) }
