import Foundation
import Testing

@testable import TriageCore

@Suite struct SLABudgetTests {
    static let expected: [(Category, Priority, Double, SLARule)] = [
        (.general, .critical, 12, .priority), (.general, .high, 24, .priority), (.general, .medium, 48, .priority),
        (.general, .low, 72, .both),
        (.billing, .critical, 12, .priority), (.billing, .high, 24, .both), (.billing, .medium, 24, .category),
        (.billing, .low, 24, .category),
        (.technical, .critical, 12, .priority), (.technical, .high, 24, .priority), (.technical, .medium, 48, .both),
        (.technical, .low, 48, .category),
        (.bugReport, .critical, 12, .priority), (.bugReport, .high, 24, .priority), (.bugReport, .medium, 48, .both),
        (.bugReport, .low, 48, .category),
        (.account, .critical, 12, .priority), (.account, .high, 24, .both), (.account, .medium, 24, .category),
        (.account, .low, 24, .category),
        (.suggestion, .critical, 12, .priority), (.suggestion, .high, 24, .priority), (.suggestion, .medium, 48, .priority),
        (.suggestion, .low, 72, .both),
    ]

    @Test("the budget is the stricter of category and priority, for all 24 pairs", arguments: expected)
    func budget(category: Category, priority: Priority, hours: Double, rule: SLARule) {
        let budget = SLAPolicy.default.budget(category: category, priority: priority)
        #expect(budget.hours == hours)
        #expect(budget.rule == rule)
    }

    @Test func allPairsCovered() {
        #expect(Set(Self.expected.map { "\($0.0)/\($0.1)" }).count == 24)
    }
}

@Suite struct SLAClockTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = SLAPolicy.default
    func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }
    func replay(_ events: [(Double, SLAEvent)]) -> SLASnapshot {
        SLAClock.replay(events.map { SLATimedEvent(at: at($0.0), event: $0.1) }, policy: policy)!
    }

    @Test func dueIsCreationPlusBudget() {
        // Given a billing/high ticket (24h)
        let sla = replay([(0, .created(.billing, .high))])
        // Then it is due 24h later, and the SPEC's general/critical example gets 12h
        #expect(sla.dueAt == at(24))
        #expect(replay([(0, .created(.general, .critical))]).dueAt == at(12))
    }

    @Test func waitingPausesAndResumesWhereItStopped() {
        // Given a 24h ticket answered at 2h (waiting) and the user replying at 10h
        let sla = replay([(0, .created(.billing, .medium)), (2, .statusChanged(.waiting)), (10, .statusChanged(.open))])
        // Then 8h of pause push the due time to 32h
        #expect(sla.pausedSeconds == 8 * 3600)
        #expect(sla.dueAt == at(32))
        #expect(sla.remaining(now: at(10)) == 22 * 3600)
    }

    @Test func remainingIsFrozenWhilePaused() {
        let sla = replay([(0, .created(.billing, .medium)), (5, .statusChanged(.waiting))])
        #expect(sla.isPaused)
        #expect(sla.remaining(now: at(5)) == 19 * 3600)
        #expect(sla.remaining(now: at(500)) == 19 * 3600)
        #expect(sla.state(now: at(500), policy: policy) == .ok)
    }

    @Test func priorityChangeWhilePausedRecomputesAndKeepsPausedTime() {
        // Given a general/low ticket (72h), paused from 10h to 20h, raised to critical at 15h while paused
        let sla = replay([
            (0, .created(.general, .low)), (10, .statusChanged(.waiting)), (15, .priorityChanged(.critical)),
            (20, .statusChanged(.open)),
        ])
        // Then S is 12h (priority rule) and the 10h of pause still count: due at 22h
        #expect(sla.budget == SLABudget(hours: 12, rule: .priority))
        #expect(sla.dueAt == at(22))
        #expect(sla.state(now: at(20), policy: policy) == .warning)
    }

    @Test func priorityChangeWhilePausedCanBreachOnResume() {
        let sla = replay([(0, .created(.general, .low)), (13, .statusChanged(.waiting)), (14, .priorityChanged(.critical))])
        // 13h of running time exceed the new 12h budget: frozen at -1h
        #expect(sla.remaining(now: at(100)) == -3600)
        #expect(sla.state(now: at(100), policy: policy) == .breached)
    }

    @Test func categoryChangeRecomputes() {
        let sla = replay([(0, .created(.general, .low)), (3, .categoryChanged(.billing))])
        #expect(sla.budget == SLABudget(hours: 24, rule: .category))
        #expect(sla.dueAt == at(24))
    }

    @Test func reopenStartsAFreshCycle() {
        // Given a ticket closed late (missed), then reopened at 100h
        let closed = replay([(0, .created(.account, .high)), (30, .closed)])
        #expect(closed.met == false)
        #expect(closed.state(now: at(40), policy: policy) == .missed)
        let reopened = replay([(0, .created(.account, .high)), (2, .statusChanged(.waiting)), (30, .closed), (100, .reopened)])
        // Then the new cycle has the full 24h from the reopen, with no paused time carried over
        #expect(reopened.cycleStart == at(100))
        #expect(reopened.pausedSeconds == 0)
        #expect(reopened.dueAt == at(124))
        #expect(reopened.met == nil)
        #expect(reopened.state(now: at(101), policy: policy) == .ok)
    }

    @Test func closeWhileWaitingEndsThePause() {
        let sla = replay([(0, .created(.billing, .high)), (1, .statusChanged(.waiting)), (40, .closed)])
        #expect(sla.met == true)
        #expect(sla.state(now: at(41), policy: policy) == .met)
    }

    @Test(
        "warning and breach boundaries",
        arguments: [
            (17.9, SLAState.ok), (18.0, .warning), (23.99, .warning), (24.0, .warning), (24.01, .breached),
        ])
    func boundaries(hours: Double, state: SLAState) {
        // A 24h ticket with the default 6h warning lead: warning from 18h, breached past 24h
        let sla = replay([(0, .created(.billing, .high))])
        #expect(sla.state(now: at(hours), policy: policy) == state)
    }

    @Test func warningLeadIsPerPriority() {
        var policy = SLAPolicy.default
        policy.warningLeadHours[.critical] = 2
        let sla = SLAClock.replay([SLATimedEvent(at: t0, event: .created(.general, .critical))], policy: policy)!
        #expect(sla.state(now: at(9.5), policy: policy) == .ok)
        #expect(sla.state(now: at(10.5), policy: policy) == .warning)
    }

    @Test func noCreatedEventNoSnapshot() {
        #expect(SLAClock.replay([SLATimedEvent(at: t0, event: .closed)], policy: policy) == nil)
    }

    @Test func countdownText() {
        #expect(DurationText.countdown(-(3 * 3600 + 12 * 60)) == "-3h12m")
        #expect(DurationText.countdown(5 * 3600 + 40 * 60) == "5h40m")
        #expect(DurationText.countdown(41 * 3600 + 59) == "41h")
        #expect(DurationText.countdown(12 * 60) == "12m")
        #expect(DurationText.countdown(200 * 3600) == "8d")
    }

    @Test("the SLA kinds are exactly the events that move the clock")
    func slaKinds() {
        let values = ["general/low", "open", "waiting", "closed", "low", "billing"]
        for kind in EventKind.allCases {
            let moves = values.contains {
                TicketEvent(ticketID: TicketID("TKTAAAAA1")!, kind: kind, actor: "a", at: Date(), newValue: $0).slaEvent != nil
            }
            #expect(moves == EventKind.slaKinds.contains(kind), "\(kind)")
        }
        #expect(Set(EventKind.slaKinds).isDisjoint(with: EventKind.staffOnly))
    }

    @Test(
        "a running clock's state: breached past due, warning within the lead",
        arguments: [
            (-1.0, 60.0, SLAState.breached), (0, 60, .warning), (60, 60, .warning), (61, 60, .ok), (0, 0, .warning), (1, 0, .ok),
        ])
    func runningState(remaining: Double, lead: Double, state: SLAState) {
        #expect(SLAState.running(remaining: remaining, lead: lead) == state)
    }

    /// An SLA budget as people read it: minutes under an hour (a test policy's `critical = 0.01` is not "0h").
    @Test(arguments: [
        (0.01, Language.fr, "1min"), (0.5, .en, "30min"), (7.5, .fr, "7,5h"), (7.5, .en, "7.5h"), (24, .en, "24h"), (36, .fr, "36h"),
    ])
    func budgetsReadInMinutesUnderAnHour(hours: Double, language: Language, expected: String) {
        #expect(DurationText.hours(hours, language) == expected)
    }
}
