import Foundation
import Testing

@testable import TriageCore

/// The pure side of stats-as-history: which span a week is compared with, what counts as resolved, when a cycle
/// breached, and how a ticket's log moves the open-ticket KPIs.
@Suite struct StatsHistoryCoreTests {
    let week = try! ISOWeek(parsing: "2026-W47")  // Monday 16 to Sunday 22 November 2026

    func at(day: Int, hour: Double, in week: ISOWeek? = nil) -> Date {
        (week ?? self.week).start.addingTimeInterval(Double(day) * 86_400 + hour * 3600)
    }

    @Test func theWeekInProgressIsComparedWithTheSameElapsedSpan() {
        let previous = week.previous
        // Wednesday 14:30 of W47 → W46 Monday 00:00 to Wednesday 14:30
        let now = at(day: 2, hour: 14.5)
        #expect(week.asOf(now: now) == now)
        #expect(week.comparisonSpan(asOf: now) == previous.start..<at(day: 2, hour: 14.5, in: previous))
        // A past week: its end, the whole week before
        let later = at(day: 9, hour: 1)
        #expect(week.asOf(now: later) == week.end)
        #expect(week.comparisonSpan(asOf: week.asOf(now: later)) == previous.start..<previous.end)
        // A week that has not begun compares with nothing
        #expect(week.next.comparisonSpan(asOf: week.next.asOf(now: now)).isEmpty)
    }

    @Test func resolvedCountsTicketsWhileSLAMetCountsCycles() {
        // One ticket closed twice (the second close is not counted as a new resolution), one closed once
        let sample = WeekSample(
            week: week,
            resolutions: [
                .init(seconds: 6 * 3600, slaHours: 24, met: true), .init(seconds: 50 * 3600, slaHours: 24, met: false, counted: false),
                .init(seconds: 10 * 3600, slaHours: 48, met: true),
            ], previousResolved: 4)
        let stats = WeeklyStats(sample: sample, policy: .default)
        #expect(stats.resolved == 2)
        #expect(stats.resolvedChange == -50)
        #expect(stats.meanResolutionHours == 8)
        #expect(stats.resolutionTargetHours == 36)
        #expect(stats.slaMetPercent.map { ($0 * 10).rounded() / 10 } == 66.7)
    }

    @Test func aSampleKnowsWhetherItIsTheWeekInProgress() {
        let current = WeeklyStats(sample: WeekSample(week: week, asOf: at(day: 3, hour: 10)), policy: .default)
        #expect(current.isCurrentWeek)
        let past = WeeklyStats(sample: WeekSample(week: week), policy: .default)
        #expect(!past.isCurrentWeek)
        #expect(past.asOf == week.end)
    }

    @Test func remindersOnlyGoOutWithTheWeekInProgress() {
        let reminder = Reminder(ticketID: TicketID("TKT000001")!, category: .billing, subject: "x", requester: UserID(42), waitingHours: 30)
        let current = WeeklyStats(sample: WeekSample(week: week, asOf: at(day: 3, hour: 10)), policy: .default)
        let past = WeeklyStats(sample: WeekSample(week: week.previous), policy: .default)
        #expect(StatsJSON(current, reminders: [reminder]).reminders == [reminder])
        #expect(StatsJSON(past, reminders: [reminder]).reminders.isEmpty)
    }

    // MARK: Breaches

    func events(_ list: [(Double, SLAEvent)]) -> [SLATimedEvent] {
        list.map { SLATimedEvent(at: at(day: 0, hour: $0.0), event: $0.1) }
    }

    @Test func anOpenTicketBreachesAtItsDueTime() {
        // billing/high: 24h
        let log = events([(0, .created(.billing, .high))])
        #expect(SLAClock.breaches(log, policy: .default, now: at(day: 0, hour: 23)).isEmpty)
        #expect(SLAClock.breaches(log, policy: .default, now: at(day: 2, hour: 0)) == [SLABreach(cycle: 1, at: at(day: 1, hour: 0))])
    }

    @Test func aWaitingTicketNeverBreaches() {
        // Answered after 2h, waiting ever since: the clock stopped with 22h left
        let log = events([(0, .created(.billing, .high)), (2, .statusChanged(.waiting))])
        #expect(SLAClock.breaches(log, policy: .default, now: at(day: 6, hour: 0)).isEmpty)
        // The user answers after 30h of waiting: due moves to 24 + 30 = 54h
        let resumed = log + events([(32, .statusChanged(.open))])
        #expect(SLAClock.breaches(resumed, policy: .default, now: at(day: 2, hour: 5)).isEmpty)
        #expect(SLAClock.breaches(resumed, policy: .default, now: at(day: 3, hour: 0)) == [SLABreach(cycle: 1, at: at(day: 0, hour: 54))])
    }

    @Test func aCloseByTheDueTimeMeetsItAndALateOneBreachedBefore() {
        let onTime = events([(0, .created(.billing, .high)), (24, .closed)])
        #expect(SLAClock.breaches(onTime, policy: .default, now: at(day: 5, hour: 0)).isEmpty)
        let late = events([(0, .created(.billing, .high)), (30, .closed)])
        #expect(SLAClock.breaches(late, policy: .default, now: at(day: 5, hour: 0)) == [SLABreach(cycle: 1, at: at(day: 1, hour: 0))])
    }

    @Test func aPriorityChangePastTheNewBudgetBreachesAtTheChange() {
        // general/low (72h) raised to critical (12h) after 20h: already past due
        let log = events([(0, .created(.general, .low)), (20, .priorityChanged(.critical))])
        #expect(SLAClock.breaches(log, policy: .default, now: at(day: 1, hour: 0)) == [SLABreach(cycle: 1, at: at(day: 0, hour: 20))])
    }

    @Test func eachCycleBreachesOnItsOwn() {
        let log = events([(0, .created(.billing, .high)), (30, .closed), (40, .reopened), (70, .closed)])
        let breaches = SLAClock.breaches(log, policy: .default, now: at(day: 5, hour: 0))
        #expect(breaches == [SLABreach(cycle: 1, at: at(day: 0, hour: 24)), SLABreach(cycle: 2, at: at(day: 0, hour: 64))])
        #expect(breaches.map(\.eventValue) == ["c1", "c2"])
    }

    // MARK: Open-ticket KPI flags

    @Test func theLogMovesTheOpenTicketCounts() {
        let id = TicketID("TKT000001")!
        func e(_ hour: Double, _ kind: EventKind, _ value: String?) -> TicketEvent {
            TicketEvent(ticketID: id, kind: kind, actor: "x", at: at(day: 0, hour: hour), newValue: value)
        }
        let log = [
            e(0, .created, "billing/low"), e(1, .replied, "1"), e(2, .priorityChanged, "critical"), e(3, .assigned, "bob"),
            e(4, .closed, nil), e(5, .reopened, "open"), e(6, .assigned, nil), e(7, .priorityChanged, "high"),
        ]
        let changes = OpenTicketFlags.changes(log).map { [$0.at.timeIntervalSince(week.start) / 3600, Double($0.unassigned), Double($0.critical)] }
        #expect(changes == [[0, 1, 0], [2, 0, 1], [3, -1, 0], [4, 0, -1], [5, 0, 1], [6, 1, 0], [7, 0, -1]])
        // What is left at the end is the ticket as it stands: open, unassigned, not critical
        #expect(OpenTicketFlags.changes(log).reduce(0) { $0 + $1.unassigned } == 1)
        #expect(OpenTicketFlags.changes(log).reduce(0) { $0 + $1.critical } == 0)
    }
}
