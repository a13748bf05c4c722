import Foundation
import Logging
import Synchronization
import TriageCore
import TriageDiscord
import TriageStore

/// What one pass of the runner did and when it next needs to run.
public struct PassReport: Sendable, Equatable {
    /// Tickets whose timers ran, and facts recorded (warnings, breaches, pages, inactivity steps).
    public var tickets = 0
    public var facts = 0
    /// Digests recorded by this pass (sent or skipped because empty).
    public var digests = 0
    /// Delivery attempts made, by outcome label (`delivered`, `retry`, …).
    public var attempts: [String: Int] = [:]
    /// The next instant something falls due (a timer, a retry, a digest); nil: nothing until the store changes.
    public var nextWake: Date?

    public init() {}

    /// Whether the runner recorded its health this pass (at most every 30 s while idle).
    public var heartbeat = false

    public var delivered: Int { attempts["delivered", default: 0] }

    /// Whether the pass wrote anything to the store.
    public var didWork: Bool { facts > 0 || digests > 0 || !attempts.isEmpty || heartbeat }

    /// `3 tickets due, 2 facts recorded, 0 digests; deliveries: 2 delivered, 1 retry` (the log's and `automate --once`'s).
    public var summary: String {
        let deliveries =
            attempts.isEmpty ? "none" : attempts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return "\(tickets) ticket\(tickets == 1 ? "" : "s") due, \(facts) fact\(facts == 1 ? "" : "s") recorded, "
            + "\(digests) digest\(digests == 1 ? "" : "s"); deliveries: \(deliveries)"
    }
}

/// The automations of SPEC §6 over the shared store: SLA timers, digests, and delivery of the outbox.
///
/// Nothing is kept in memory between passes: the store is the truth (timers, facts, outbox rows and leases), so a
/// restarted runner, or several runners at once, pick up exactly where the store says. Time comes in as `now`.
public final class AutomationRunner: Sendable {
    public let store: any AutomationStoring
    public let config: TriageConfig
    public let owner: String
    let delivery: Delivery
    let logger: Logger
    let metrics: RunnerMetrics
    let lastHeartbeat = Mutex<Date?>(nil)
    static let heartbeatEvery: TimeInterval = 30

    /// A runner on the SQLite store.
    public convenience init(
        store: TicketStore, config: TriageConfig, client: DiscordClient, metrics: RunnerMetrics = RunnerMetrics(),
        owner: String = AutomationRunner.defaultOwner(), logger: Logger = Logger(label: "triage.automation"),
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) {
        self.init(
            automating: SQLiteTicketStore(store), config: config, client: client, metrics: metrics, owner: owner, logger: logger,
            random: random)
    }

    public init(
        automating store: any AutomationStoring, config: TriageConfig, client: DiscordClient, metrics: RunnerMetrics = RunnerMetrics(),
        owner: String = AutomationRunner.defaultOwner(), logger: Logger = Logger(label: "triage.automation"),
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) {
        self.store = store
        self.config = config
        self.owner = owner
        self.logger = logger
        self.metrics = metrics
        self.delivery = Delivery(
            store: store, config: config, client: client, owner: owner, logger: logger, metrics: metrics, random: random)
    }

    /// `host:pid:random`, unique per process.
    public static func defaultOwner() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
    }

    /// The targets this runner delivers: the configured webhooks, the log file, users when a bot token is set.
    public var activeTargets: [NotificationTarget] { delivery.activeTargets }

    /// Runs the timers and digests due at `now` (the store side of a pass; no network).
    public func scan(now: Date) async throws(TicketError) -> PassReport {
        var report = PassReport()
        let recovered = try await store.recoverExpiredLeases(now: now)
        if recovered.doubled > 0 {
            metrics.ambiguous(recovered.doubled)
            // A holder's lease ran out after its request left: a runner that stopped mid-send, or the bot's pull
            // (`GET /api/notifications`) not acknowledged within its lease.
            logger.warning(
                "took back \(recovered.doubled) deliveries whose holder did not record them (a runner that stopped mid-send, or the bot's pull not acknowledged within its lease): they go out again, flagged possibly doubled"
            )
        }
        let inactivity = InactivityRule(
            remindAfterHours: config.inactivity.remindAfterHours, closeAfterHours: config.inactivity.closeAfterHours)
        while true {
            let run = try await store.runDueTimers(now: now, inactivity: inactivity, limit: 500)
            report.tickets += run.tickets
            report.facts += run.facts
            if run.tickets < 500 { break }
        }
        report.digests = try await Digests(store: store, config: config).run(now: now)
        try await delivery.cancelUnconfigured(now: now)
        metrics.scanned(now: now)
        return report
    }

    /// When the next thing falls due after a pass at `now`.
    public func nextWake(after now: Date) async throws(TicketError) -> Date? {
        let candidates = [
            try await store.nextTimerDue(), try await store.nextDeliveryDue(targets: activeTargets), try await store.nextLeaseExpiry(),
            config.automation.schedule.nextWake(after: now),
        ]
        return candidates.compactMap { $0 }.min()
    }

    /// One full pass at `now`: the scan, then every delivery due, each target's queue drained until nothing is due
    /// (a rate limit or a retry leaves the rest for later). Used by `triage automate --once` and the tests.
    public func pass(now: @escaping @Sendable () -> Date) async throws(TicketError) -> PassReport {
        let start = now()
        var report = try await scan(now: start)
        let beat = lastHeartbeat.withLock { last in
            guard last.map({ start.timeIntervalSince($0) >= Self.heartbeatEvery || start < $0 }) ?? true else { return false }
            last = start
            return true
        }
        if beat {
            try await store.runnerPassed(owner, now: start)
            report.heartbeat = true
        }
        let attempts = await delivery.drainAll(now: now)
        report.attempts = attempts
        report.nextWake = try await nextWake(after: now())
        return report
    }
}
