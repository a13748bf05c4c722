import Foundation
import Testing
import TriageAutomation
import TriageCore
import TriageStore
import TriageTestSupport

/// The daily reminder digest, the Monday report and the inactivity rule, as the runner drives them.
@Suite struct DigestRunnerTests {
    /// 2026-11-23 is a Monday.
    static func monday(hour: Double) -> Double {
        let monday = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23T00:00:00Z
        return (monday.timeIntervalSince(AutomationFixture.t0) / 3600) + hour
    }

    @Test func oneReminderDigestPerDateAndNoneWhenEmpty() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        // t0 is Wednesday 11:06 UTC. Nothing waits on Thursday at 07:06: Wednesday's digest is skipped (recorded, not
        // posted)
        f.set(hours: 20)
        try await f.pass()
        #expect(try f.outbox(kind: .reminderDigest).isEmpty)
        // A ticket waits from Thursday 08:06; Friday just after 09:00 one digest lists it, however many runners pass
        try f.ticket(at: 21)
        f.set(hours: 46)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { _ = try await f.pass() } }
            try await group.waitForAll()
        }
        let digests = await f.posts(AutomationFixture.admin).filter { $0.bodyText.contains("+24h") }
        #expect(digests.count == 1)
        #expect(try f.outbox(kind: .reminderDigest, target: .adminTickets).count == 1)
        let message = try #require(digests.first?.json)
        #expect((message["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
        #expect(((message["flags"] as? Int) ?? 0) & (1 << 12) != 0)
    }

    @Test func theWeeklyReportGoesOutOnMondayOnce() async throws {
        let f = try await AutomationFixture()
        defer { Task { await f.stop() } }
        let id = try f.ticket().id.rawValue
        try f.store.close(id, resolution: "Réglé", as: AutomationFixture.agent, now: AutomationFixture.t0.addingTimeInterval(3600))
        f.set(hours: Self.monday(hour: 8.99))
        try await f.pass()
        #expect(try f.outbox(kind: .weeklyReport).isEmpty)
        f.set(hours: Self.monday(hour: 9))
        try await f.pass()
        f.set(hours: Self.monday(hour: 15))
        try await f.pass()
        let reports = try f.outbox(kind: .weeklyReport, target: .adminTickets)
        #expect(reports.count == 1)
        #expect(reports.first?.cause == "digest:weekly:2026-W47")
        #expect(reports.first?.notice?.stats?.resolved == 1)
        // worded in French, as the rest of the report
        #expect(reports.first?.notice?.stats?.recommendations.first?.contains("représente 100 % des tickets de la semaine : ") == true)
    }

    @Test func inactivityRemindsOnceThenCloses() async throws {
        let f = try await AutomationFixture(inactivity: .init(remindAfterHours: 24, closeAfterHours: 72))
        defer { Task { await f.stop() } }
        let id = try f.ticket().id.rawValue
        try f.store.reply(id, body: "Pouvez-vous nous envoyer une capture ?", as: AutomationFixture.agent, now: AutomationFixture.t0)
        f.set(hours: 23.9)
        try await f.pass()
        #expect(try f.outbox(kind: .inactivityReminder).isEmpty)
        f.set(hours: 24)
        try await f.pass()
        f.set(hours: 50)
        try await f.pass()
        #expect(try f.outbox(kind: .inactivityReminder, target: .user).count == 1)
        f.set(hours: 72)
        try await f.pass()
        let ticket = try f.store.ticket(id, as: AutomationFixture.agent)
        #expect(ticket.status == .closed)
        #expect(try f.outbox(kind: .inactivityClosed, target: .user).count == 1)
        // A waiting ticket never breached meanwhile
        #expect(try f.outbox(kind: .slaBreached).isEmpty)
    }

    @Test(arguments: [("2026-03-27T12:00:00Z", "02:30"), ("2026-10-23T12:00:00Z", "02:30"), ("2026-10-23T12:00:00Z", "09:00")])
    func oneDigestPerLocalDateAcrossParisDSTNights(start: String, at time: String) async throws {
        // Given a Paris desk with its reminder digest at a time that the DST night skips (02:30 in March) or repeats
        // (02:30 in October), and a ticket that has waited for an agent for days
        var config = TriageConfig()
        config.automation.timeZone = TimeZone(identifier: "Europe/Paris")!
        config.automation.reminderDigestAt = TimeOfDay(time)!
        let f = try await AutomationFixture(config: config)
        defer { Task { await f.stop() } }
        let t0 = ISO8601DateFormatter().date(from: start)!
        try f.store.create(
            NewTicket(requester: AutomationFixture.owner, subject: "Toujours bloqué", category: .general, priority: .low, description: "…"),
            as: .user(AutomationFixture.owner), now: t0.addingTimeInterval(-3 * 86_400))
        // When a runner passes every 30 minutes for four days (from noon: the morning's digest is caught up at once)
        let runner = f.runner()
        for step in 0..<(4 * 48) {
            f.clock.withLock { $0 = t0.addingTimeInterval(Double(step) * 1800) }
            try await f.pass(runner)
        }
        // Then there is exactly one digest per local date, keyed by that date: five dates
        let keys = try f.outbox(kind: .reminderDigest, target: .adminTickets).map(\.cause).sorted()
        let day = String(start.prefix(8))  // "2026-03-"
        let first = Int(start.dropFirst(8).prefix(2))!
        #expect(keys == (first..<(first + 5)).map { "digest:reminder:\(day)\($0)" })
    }
}
