import Foundation
import Synchronization
import Testing
import TriageAutomation
import TriageBackendSupport
import TriageCore
import TriageDiscord
import TriageTestSupport

/// The automation runner on both backends (PostgreSQL when a server is named), through `AutomationStoring`: two
/// runners passing at once deliver every notice once, one request in flight per webhook, pages until the
/// acknowledgement; a runner that dies holding a row loses nothing.
@Suite struct RunnerBackendTests {
    /// A store of `backend`, a fake Discord and a config pointing at it, and the fixture's clock.
    final class Desk: Sendable {
        let store: Backend.Store
        let fake: FakeDiscord
        let config: TriageConfig
        let clock = Mutex(AutomationFixture.t0)

        init(_ backend: Backend) async throws {
            store = try await backend.make()
            fake = try await FakeDiscord.start()
            config = AutomationFixture.config(pointingAt: fake)
        }

        var tickets: any TicketStoring { store.tickets }
        var automation: any AutomationStoring { store.tickets as! any AutomationStoring }
        func runner(_ owner: String) -> AutomationRunner {
            AutomationRunner(automating: automation, config: config, client: DiscordClient(), owner: owner, random: { $0.upperBound })
        }
        func set(hours: Double) { clock.withLock { $0 = AutomationFixture.t0.addingTimeInterval(hours * 3600) } }
        var now: @Sendable () -> Date { { [self] in clock.withLock { $0 } } }

        /// Two runners' passes at once.
        func passes(_ runners: [AutomationRunner]) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for runner in runners { group.addTask { _ = try await runner.pass(now: self.now) } }
                try await group.waitForAll()
            }
        }
        func posts(_ webhook: String) async -> [FakeDiscord.RecordedRequest] {
            await fake.requests().filter { $0.webhookID == webhook }
        }
        func close() async {
            await fake.stop()
            await store.close()
        }
    }

    func with(_ backend: Backend, _ body: (Desk) async throws -> Void) async throws {
        let desk = try await Desk(backend)
        do {
            try await body(desk)
        } catch {
            await desk.close()
            throw error
        }
        await desk.close()
    }

    @Test("two runners at once: each notice once, one request in flight per webhook, pages until acknowledged", arguments: Backend.enabled)
    func twoRunners(backend: Backend) async throws {
        try await with(backend) { desk in
            let runners = [desk.runner("runner-a"), desk.runner("runner-b")]
            // Three medium billing tickets: due at +24h, pages every 4h
            var ids: [String] = []
            for n in 0..<3 {
                ids.append(
                    try await desk.tickets.create(
                        NewTicket(
                            requester: AutomationFixture.owner, subject: "Paiement refusé \(n)", category: .billing, priority: .medium,
                            description: "Ma carte est refusée."), as: .user(AutomationFixture.owner), now: AutomationFixture.t0
                    ).id.rawValue)
            }
            // The creations: one post each to #admin-tickets
            try await desk.passes(runners)
            #expect(await desk.posts(AutomationFixture.admin).count == 3)
            // The breach: one page each, with the role mention, and #senior told once each
            desk.set(hours: 24)
            try await desk.passes(runners)
            try await desk.passes(runners)
            let pages = await desk.posts(AutomationFixture.oncall)
            #expect(pages.count == 3)
            #expect(pages.allSatisfy { $0.bodyText.contains("<@&555000000000000001>") })
            #expect(await desk.posts(AutomationFixture.senior).count == 3)
            #expect(await desk.fake.maxInFlight(webhook: AutomationFixture.oncall) == 1)
            // One is acknowledged; four hours later the two others are paged again, once
            _ = try await desk.tickets.acknowledge(ids[0], as: .agent("bruno"), now: AutomationFixture.t0.addingTimeInterval(24 * 3600 + 60))
            desk.set(hours: 28)
            try await desk.passes(runners)
            try await desk.passes(runners)
            let after = await desk.posts(AutomationFixture.oncall)
            #expect(after.count == 3 + 1 + 2, "\(after.map(\.bodyText))")  // the acknowledgement, then pages 2
            #expect(after.filter { $0.bodyText.contains("bruno") }.count == 1)
            for id in ids {
                let kinds = try await desk.tickets.detail(id, as: AutomationFixture.agent).events.map(\.kind)
                #expect(kinds.filter { $0 == .slaBreached }.count == 1, "\(id)")
                #expect(kinds.filter { $0 == .paged }.count == (id == ids[0] ? 1 : 2), "\(id)")
            }
        }
    }

    @Test("a runner that dies holding a row: another takes it back after the lease and it goes out once", arguments: Backend.enabled)
    func deadRunner(backend: Backend) async throws {
        try await with(backend) { desk in
            _ = try await desk.tickets.create(
                NewTicket(requester: AutomationFixture.owner, subject: "Accès", category: .account, priority: .low, description: "Bloqué"),
                as: .user(AutomationFixture.owner), now: AutomationFixture.t0)
            // A runner claims the #admin-tickets row and dies before sending it
            let claimed = try await desk.automation.claimNext(for: .adminTickets, owner: "dead-runner", now: AutomationFixture.t0, startSending: false)
            #expect(claimed?.target == .adminTickets)
            // Another runner does not take it while the lease holds
            let runner = desk.runner("survivor")
            _ = try await runner.pass(now: desk.now)
            #expect(await desk.posts(AutomationFixture.admin).isEmpty)
            #expect(try await runner.nextWake(after: AutomationFixture.t0) == AutomationFixture.t0.addingTimeInterval(OutboxLease.duration))
            // After the lease it is taken back and delivered, once
            desk.clock.withLock { $0 = AutomationFixture.t0.addingTimeInterval(OutboxLease.duration) }
            _ = try await runner.pass(now: desk.now)
            _ = try await runner.pass(now: desk.now)
            #expect(await desk.posts(AutomationFixture.admin).count == 1)
        }
    }

    @Test("a webhook that is gone: the row dies, the target is disabled, the desk sees it and retries it", arguments: Backend.enabled)
    func disabledTargetAndRetry(backend: Backend) async throws {
        try await with(backend) { desk in
            await desk.fake.script(webhook: AutomationFixture.admin, [.unknownWebhook])
            _ = try await desk.tickets.create(
                NewTicket(requester: AutomationFixture.owner, subject: "Remboursement", category: .billing, priority: .low, description: "?"),
                as: .user(AutomationFixture.owner), now: AutomationFixture.t0)
            let runner = desk.runner("runner-a")
            _ = try await runner.pass(now: desk.now)
            // The row is dead and #admin-tickets disabled, as staff read it; users and the bot may not read the outbox
            let dead = try await desk.tickets.outbox(status: .dead, limit: 10, as: AutomationFixture.agent)
            #expect(dead.map(\.target) == [.adminTickets])
            #expect(try await desk.tickets.outbox(status: nil, limit: 50, as: AutomationFixture.agent).contains { $0.id == dead[0].id })
            #expect(try await desk.tickets.targetStates(as: AutomationFixture.agent).first?.disabledReason != nil)
            let refused = TicketError.forbidden(AccessRules.refusal(.viewAutomation))
            for principal in [Principal.user(AutomationFixture.owner), .service(onBehalfOf: AutomationFixture.owner)] {
                await #expect(throws: refused) { _ = try await desk.tickets.outbox(status: nil, limit: 10, as: principal) }
            }
            // Agents may not retry; an admin does: pending again, the target enabled, and it goes out on the next pass
            await #expect(throws: TicketError.forbidden(AccessRules.refusal(.retryDeliveries))) {
                _ = try await desk.tickets.retryOutbox(dead[0].id, as: AutomationFixture.agent, now: AutomationFixture.t0)
            }
            let retried = try await desk.tickets.retryOutbox(dead[0].id, as: .admin("root"), now: AutomationFixture.t0.addingTimeInterval(60))
            #expect(retried.status == .pending && retried.attempts == 0)
            #expect(try await desk.tickets.targetStates(as: AutomationFixture.agent).isEmpty)
            await #expect(throws: TicketError.conflict("outbox entry \(dead[0].id) is pending; only dead or cancelled ones can be retried")) {
                _ = try await desk.tickets.retryOutbox(dead[0].id, as: .admin("root"), now: AutomationFixture.t0)
            }
            desk.clock.withLock { $0 = AutomationFixture.t0.addingTimeInterval(60) }
            _ = try await runner.pass(now: desk.now)
            #expect(try await desk.tickets.outbox(status: .delivered, limit: 10, as: AutomationFixture.agent).contains { $0.id == dead[0].id })
            #expect(try await desk.tickets.retryDeadOutbox(as: .admin("root"), now: desk.now()) == 0)
        }
    }
}
