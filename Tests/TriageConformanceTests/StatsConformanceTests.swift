import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// Weekly stats on both backends: the same week of work gives the same figures, a past week keeps them when later
/// work happens, and only staff may read them.
@Suite struct StatsConformanceTests {
    @Test("a week's figures, KPIs and reminders; a later reopen leaves the past week as it was", arguments: Backend.enabled)
    func week(backend: Backend) async throws {
        try await with(backend) { store in
            // C.t0 is Friday 2027-01-15 08:00 UTC, in 2027-W02
            let week = ISOWeek(containing: C.t0)
            let a = try await C.open(store, .billing, .high, at: 0).id.rawValue
            let b = try await C.open(store, for: C.other, .technical, .critical, at: 1).id.rawValue
            _ = try await C.open(store, .account, .low, at: 2)
            _ = try await store.reply(a, body: "Bonjour", internal: false, keepOpen: false, as: C.agent, now: C.at(3))
            _ = try await store.close(a, resolution: "ok", notifyUser: false, as: C.agent, now: C.at(5))
            _ = try await store.rate(a, rating: 4, comment: nil, as: C.user, now: C.at(6))
            _ = try await store.assign(b, to: "alice", as: C.agent, now: C.at(6))
            let during = try await store.weeklyStats(week, as: C.agent, now: C.at(7))
            #expect(during.opened == 3 && during.resolved == 1 && during.isCurrentWeek)
            #expect(during.medianResolutionHours == 5)
            #expect(during.medianFirstResponseHours == 3)
            #expect(during.satisfactionDistribution == [0, 0, 0, 1, 0] && during.slaMetPercent == 100)
            #expect(during.backlogAtEnd == 2)
            // The week is over; then the closed ticket is reopened: the past week keeps its figures
            let after = week.end.addingTimeInterval(3600)
            let closedWeek = try await store.weeklyStats(week, as: C.agent, now: after)
            _ = try await store.reopen(a, as: C.user, now: after)
            let later = try await store.weeklyStats(week, as: C.agent, now: after.addingTimeInterval(60))
            #expect(later.resolved == closedWeek.resolved && later.backlogAtEnd == closedWeek.backlogAtEnd && later.kpis == closedWeek.kpis)
            #expect(closedWeek.resolved == 1 && !closedWeek.isCurrentWeek && closedWeek.backlogAtEnd == 2)
            // Reminders: open tickets waiting on an agent past the threshold, longest first; none for a past week
            let policy = try await store.policy(as: C.agent)
            let late = C.at(2 + policy.reminderAfterHours + 1)
            let reminders = try await store.reminders(as: C.admin, now: late, limit: 10)
            #expect(reminders.map(\.ticketID.rawValue).first == b)
            #expect(try await store.reminders(for: week.previous, as: C.admin, now: C.at(7)).isEmpty)
            // Staff only
            for principal in [C.user, C.service] {
                #expect(await C.error { _ = try await store.weeklyStats(week, as: principal, now: C.at(7)) } == .forbidden(AccessRules.refusal(.viewStats)))
                #expect(await C.error { _ = try await store.reminders(as: principal, now: C.at(7), limit: 10) } == .forbidden(AccessRules.refusal(.viewStats)))
            }
        }
    }
}
