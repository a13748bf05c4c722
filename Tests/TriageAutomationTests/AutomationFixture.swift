import Foundation
import GRDB
import Synchronization
import TriageAutomation
import TriageCore
import TriageDiscord
import TriageStore
import TriageTestSupport

/// A store file, a fake Discord, a configuration pointing at it, and a clock the test moves by hand.
final class AutomationFixture: Sendable {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 UTC, a Wednesday
    static let owner = UserID(123_456_789_012_345_678)
    static let agent = Principal.agent("alice")
    /// The webhook ids of #admin-tickets, #oncall and #senior at the fake.
    static let admin = "100000000000000001"
    static let oncall = "100000000000000002"
    static let senior = "100000000000000003"

    let store: TicketStore
    let fake: FakeDiscord
    let config: TriageConfig
    let clock = Mutex(AutomationFixture.t0)
    let logPath: String

    init(
        policy: SLAPolicy? = nil, inactivity: TriageConfig.Inactivity = .init(), botToken: Bool = false, config custom: TriageConfig? = nil
    ) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("triage-automation-\(UUID().uuidString)")
        store = try TicketStore.open(path: dir.appendingPathComponent("store.sqlite").path, policy: policy)
        logPath = dir.appendingPathComponent("notifications.jsonl").path
        fake = try await FakeDiscord.start()
        var config = Self.config(pointingAt: fake)
        if botToken { config.discord.botToken = "fake-bot-token" }
        config.log.file = logPath
        config.inactivity = inactivity
        if let custom {
            config.automation = custom.automation
            config.inactivity = custom.inactivity
        }
        self.config = config
    }

    /// A configuration whose three webhooks and Discord API are the fake's, with the on-call role set.
    static func config(pointingAt fake: FakeDiscord) -> TriageConfig {
        var config = TriageConfig()
        config.webhooks.adminTickets = fake.webhookURL(id: admin)
        config.webhooks.oncall = fake.webhookURL(id: oncall)
        config.webhooks.senior = fake.webhookURL(id: senior)
        config.discord.oncallRoleID = "555000000000000001"
        config.discord.apiBase = fake.apiBase
        return config
    }

    func runner(owner: String = "runner-\(UUID().uuidString.prefix(8))") -> AutomationRunner {
        AutomationRunner(store: store, config: config, client: DiscordClient(), owner: owner, random: { $0.upperBound })
    }

    var now: Date { clock.withLock { $0 } }
    func set(hours: Double) { clock.withLock { $0 = Self.t0.addingTimeInterval(hours * 3600) } }
    func advance(seconds: Double) { clock.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var nowFunction: @Sendable () -> Date { { [self] in self.clock.withLock { $0 } } }

    @discardableResult
    func pass(_ runner: AutomationRunner? = nil) async throws -> PassReport {
        try await (runner ?? self.runner()).pass(now: nowFunction)
    }

    @discardableResult
    func ticket(_ category: TriageCore.Category = .billing, _ priority: Priority = .medium, subject: String = "Paiement refusé 💳", at hours: Double = 0)
        throws -> Ticket
    {
        try store.create(
            NewTicket(requester: Self.owner, subject: subject, category: category, priority: priority, description: "Ma carte est refusée."),
            as: .user(Self.owner), now: Self.t0.addingTimeInterval(hours * 3600))
    }

    /// The webhook posts the fake received, as (webhook id, parsed body).
    func posts(_ webhook: String? = nil) async -> [FakeDiscord.RecordedRequest] {
        await fake.requests().filter { $0.webhookID != nil && (webhook == nil || $0.webhookID == webhook) }
    }

    /// Outbox rows of a kind.
    func outbox(kind: Notice.Kind, target: NotificationTarget? = nil) throws -> [OutboxEntry] {
        try store.outbox(limit: 10_000, as: Self.agent).filter { $0.notice?.kind == kind && (target == nil || $0.target == target) }
    }

    func stop() async { await fake.stop() }
}
