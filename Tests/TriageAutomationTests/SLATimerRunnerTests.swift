import Foundation
import Testing
import TriageAutomation
import TriageCore
import TriageStore
import TriageTestSupport

/// SLA warnings, breaches, pages and acknowledgements as the runner produces them on an injected clock, with a fake
/// Discord receiving the posts.
@Suite struct SLATimerRunnerTests {
    @Test(arguments: [(Priority.critical, 12.0), (.high, 24), (.medium, 24), (.low, 24)])
    func oneWarningPerCycleAtDueMinusLead(priority: Priority, budget: Double) async throws {
        // Given a billing ticket (24h category SLA) of this priority, and the default 6h warning lead
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let ticket = try f.ticket(.billing, priority)
        #expect(ticket.sla.budget.hours == budget)
        // When the runner passes just before due − lead, nothing warns
        f.set(hours: budget - 6 - 0.01)
        try await f.pass()
        #expect(try f.outbox(kind: .slaWarning).isEmpty)
        // At due − lead exactly one warning is written and posted, however many passes follow
        f.set(hours: budget - 6)
        try await f.pass()
        try await f.pass()
        f.set(hours: budget - 1)
        try await f.pass()
        #expect(try f.outbox(kind: .slaWarning, target: .adminTickets).count == 1)
        let warnings = await f.posts(AutomationFixture.admin).filter { $0.bodyText.contains("Alerte SLA") }
        #expect(warnings.count == 1)
        let events = try f.store.detail(ticket.id.rawValue, as: AutomationFixture.agent).events.filter { $0.kind == .slaWarning }
        #expect(events.count == 1)
    }

    @Test func breachPagesEveryRepeatUntilAcknowledged() async throws {
        // Given a medium billing ticket: due at +24h, pages every 4h
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let ticket = try f.ticket()
        // When it breaches: sla_breached + escalated, on-call paged with the role mention, senior told
        f.set(hours: 24)
        try await f.pass()
        let oncall = await f.posts(AutomationFixture.oncall)
        #expect(oncall.count == 1)
        let page = try #require(oncall.first?.json)
        #expect((page["content"] as? String)?.contains("<@&555000000000000001>") == true)
        let mentions = try #require(page["allowed_mentions"] as? [String: Any])
        #expect((mentions["parse"] as? [String]) == [])
        #expect((mentions["roles"] as? [String]) == ["555000000000000001"])
        #expect(await f.posts(AutomationFixture.senior).count == 1)
        var read = try f.store.ticket(ticket.id.rawValue, as: AutomationFixture.agent)
        #expect(read.escalated && read.acknowledgedAt == nil)
        // Page 2 four hours later, and only then
        f.set(hours: 27.9)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.oncall).count == 1)
        f.set(hours: 28)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.oncall).count == 2)
        // On-call acknowledges: no more pages, the channel hears who
        try f.store.acknowledge(ticket.id.rawValue, as: .agent("bruno"), now: f.now)
        f.set(hours: 40)
        try await f.pass()
        let after = await f.posts(AutomationFixture.oncall)
        #expect(after.count == 3)
        #expect(after.last?.bodyText.contains("bruno") == true)
        #expect(after.last?.bodyText.contains("<@&") == false)
        read = try f.store.ticket(ticket.id.rawValue, as: AutomationFixture.agent)
        #expect(read.acknowledgedAt != nil)
        let kinds = try f.store.detail(ticket.id.rawValue, as: AutomationFixture.agent).events.map(\.kind)
        #expect(kinds.filter { $0 == .slaBreached }.count == 1)
        #expect(kinds.filter { $0 == .paged }.count == 2)
    }

    @Test func acknowledgementCancelsPendingPages() async throws {
        // Given a breach whose page could not be sent yet (on-call's webhook answers 502)
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let ticket = try f.ticket()
        await f.fake.script(webhook: AutomationFixture.oncall, [.serverError(502)])
        f.set(hours: 24)
        try await f.pass()
        #expect(try f.outbox(kind: .slaBreached, target: .oncall).first?.status == .pending)
        // When on-call acknowledges from the console before the retry
        try f.store.acknowledge(ticket.id.rawValue, as: .agent("bruno"), now: f.now)
        // Then the pending page is cancelled in the same transaction and never sent
        #expect(try f.outbox(kind: .slaBreached, target: .oncall).first?.status == .cancelled)
        f.set(hours: 25)
        try await f.pass()
        let oncall = await f.posts(AutomationFixture.oncall)
        #expect(oncall.count == 2)  // the failed try, then the acknowledgement
        #expect(oncall.last?.bodyText.contains("bruno") == true)
    }

    @Test func downtimePastDueSendsOneLateBreachWithCollapsedPages() async throws {
        // Given a runner that was down from before the warning until 13h after due
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let ticket = try f.ticket()
        f.set(hours: 37)
        try await f.pass()
        // Then the warning is recorded as late (no post), one breach says it was detected late, and the missed
        // pages collapse into the current one (page 4 = 1 + 13h / 4h)
        #expect(try f.outbox(kind: .slaWarning).isEmpty)
        let oncall = await f.posts(AutomationFixture.oncall)
        #expect(oncall.count == 1)
        let late = try #require(oncall.first).bodyText
        #expect(late.contains("retard"))
        let events = try f.store.detail(ticket.id.rawValue, as: AutomationFixture.agent).events
        #expect(events.first { $0.kind == .slaWarning }?.newValue == "c1:late")
        #expect(events.first { $0.kind == .paged }?.newValue == "c1:n4")
        // And the next page comes at due + 4 × 4h, not before
        f.set(hours: 39.9)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.oncall).count == 1)
        f.set(hours: 40)
        try await f.pass()
        #expect(await f.posts(AutomationFixture.oncall).count == 2)
    }

    @Test func waitingPausesAndReopenStartsANewCycle() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let ticket = try f.ticket()
        let id = ticket.id.rawValue
        // Given an agent's reply at +10h (waiting: the clock stops with 14h left)
        try f.store.reply(id, body: "Pouvez-vous réessayer ?", as: AutomationFixture.agent, now: AutomationFixture.t0.addingTimeInterval(10 * 3600))
        // When 30h pass while waiting, nothing warns or breaches
        f.set(hours: 40)
        try await f.pass()
        #expect(try f.outbox(kind: .slaWarning).isEmpty)
        #expect(try f.outbox(kind: .slaBreached).isEmpty)
        // The user answers at +40h: 14h left, the warning comes 8h later
        try f.store.reply(id, body: "Toujours pareil", as: .user(AutomationFixture.owner), now: f.now)
        f.set(hours: 47.9)
        try await f.pass()
        #expect(try f.outbox(kind: .slaWarning).isEmpty)
        f.set(hours: 48)
        try await f.pass()
        #expect(try f.outbox(kind: .slaWarning, target: .adminTickets).count == 1)
        // Closed, then reopened: cycle 2 warns and pages again, its escalation state cleared
        f.set(hours: 60)
        try await f.pass()
        #expect(try f.store.ticket(id, as: AutomationFixture.agent).escalated)
        try f.store.close(id, resolution: "Carte réactivée", as: AutomationFixture.agent, now: f.now)
        let reopened = try f.store.reopen(id, as: AutomationFixture.agent, now: AutomationFixture.t0.addingTimeInterval(61 * 3600))
        #expect(!reopened.escalated && reopened.acknowledgedAt == nil && reopened.sla.cycle == 2)
        f.set(hours: 61 + 18)
        try await f.pass()
        #expect(try f.outbox(kind: .slaWarning, target: .adminTickets).count == 2)
        f.set(hours: 61 + 24)
        try await f.pass()
        #expect(try f.outbox(kind: .slaBreached, target: .oncall).count == 2)
    }

    @Test func twoRunnersAtOnceRecordAndPostEachFactOnce() async throws {
        // Given twenty tickets breaching at the same moment and two runners passing at once, several times
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        for _ in 0..<20 { try f.ticket() }
        f.set(hours: 24)
        let a = f.runner(owner: "a")
        let b = f.runner(owner: "b")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for runner in [a, b, a, b] { group.addTask { _ = try await f.pass(runner) } }
            try await group.waitForAll()
        }
        // Then each breach is one fact, one outbox row per target and one post per target
        #expect(try f.outbox(kind: .slaBreached, target: .oncall).count == 20)
        #expect(await f.posts(AutomationFixture.oncall).count == 20)
        #expect(await f.posts(AutomationFixture.senior).count == 20)
        #expect(await f.fake.maxInFlight(webhook: AutomationFixture.oncall) == 1)
    }

    @Test func aClosedTicketNeverWarnsAndItsPendingWarningIsCancelled() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let ticket = try f.ticket()
        await f.fake.script(webhook: AutomationFixture.admin, [.serverError(502), .serverError(502)])
        f.set(hours: 18)
        try await f.pass()
        try f.store.close(ticket.id.rawValue, resolution: nil, as: AutomationFixture.agent, now: f.now)
        #expect(try f.outbox(kind: .slaWarning, target: .adminTickets).first?.status == .cancelled)
        f.set(hours: 30)
        try await f.pass()
        #expect(try f.outbox(kind: .slaBreached).isEmpty)
    }
}
