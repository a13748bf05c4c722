import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// Merging the queue's changes into the loaded window (`applyChanges`).
@Suite struct QueueChangesReducerTests {
    typealias F = ConsoleFixture

    func loaded(version: Int = 10) -> ConsoleState {
        var state = F.state(width: 100, height: 20)
        _ = reduce(&state, .queueLoaded(F.tickets, state.summary, version: version), now: F.now)
        return state
    }

    @Test func aChangedTicketMovesToItsNewPlaceAndTheSelectionFollowsIt() {
        var state = loaded()
        let selected = F.tickets[2].id
        state.selectedID = selected
        state.detail = F.detail(F.tickets[2])
        // The selected ticket becomes critical and due first; another one closes; a new one arrives last
        var moved = F.tickets[2]
        moved.sla.cycleStart = F.now.addingTimeInterval(-60 * 3600)
        let arrival = F.ticket("9", "Nouveau", .general, .low, hoursAgo: 0)
        let changes = QueueChanges(
            version: 12, changed: [moved, arrival], removed: [F.tickets[0].id], summary: QueueSummary(open: 3, waiting: 1))
        let effects = reduce(&state, .queueChanged(changes), now: F.now)
        #expect(state.tickets.map(\.id) == ([moved] + F.tickets.filter { $0.id != F.tickets[0].id && $0.id != moved.id } + [arrival]).inQueueOrder().map(\.id))
        #expect(state.tickets.first?.id == selected)
        #expect(state.selectedID == selected)
        #expect(state.queueVersion == 12)
        #expect(state.arrivals[arrival.id] != nil)
        // The detail is reloaded because the ticket it shows changed
        #expect(effects.contains(.loadDetail(selected)))
    }

    /// The bell's bookkeeping after a merge looks only at the changed tickets and at those the clock made due
    /// (`checkBreaches`): it must still ring once per new breach and keep exactly the breached tickets as known.
    @Test func breachesFoundThroughChangesAndTheClockRingOnceEach() {
        var state = loaded()
        func rings(_ action: ConsoleAction, at time: Date) -> Bool {
            let effects = reduce(&state, action, now: time)
            #expect(state.knownBreached == state.breachedIDs(now: time))
            return effects.contains(.bell)
        }
        let start = F.now.addingTimeInterval(1)
        var version = 10
        func change(_ changed: [Ticket], removed: Set<TicketID> = []) -> ConsoleAction {
            version += 1
            return .queueChanged(QueueChanges(version: version, changed: changed, removed: removed, summary: state.summary))
        }
        let calm = try! #require(state.tickets.first { $0.status == .open && $0.sla.state(now: start, policy: .default) != .breached })
        var late = calm
        late.sla.cycleStart = F.now.addingTimeInterval(-60 * 3600)
        // A change makes a ticket breached: one ring; the same again: none
        #expect(rings(change([late]), at: start))
        #expect(!rings(change([late]), at: start))
        // Back in time (its SLA restarted), then breached again: it rings again
        var fresh = calm
        fresh.sla.cycleStart = F.now
        #expect(!rings(change([fresh]), at: start))
        #expect(!state.knownBreached.contains(calm.id))
        #expect(rings(change([late]), at: start))
        // A breached ticket that leaves the queue leaves the known set
        #expect(!rings(change([], removed: [late.id]), at: start))
        #expect(!state.knownBreached.contains(late.id))
        // The clock makes the next open ticket due: one ring on the tick after its due time, none on the next
        let next = try! #require(state.tickets.filter { $0.status == .open && $0.sla.dueAt > start }.min { $0.sla.dueAt < $1.sla.dueAt })
        let due = next.sla.dueAt.addingTimeInterval(1)
        #expect(rings(.tick, at: due))
        #expect(state.knownBreached.contains(next.id))
        #expect(!rings(.tick, at: due.addingTimeInterval(1)))
    }

    @Test func theDetailIsNotReloadedForOtherTicketsChanges() {
        var state = loaded()
        state.selectedID = F.tickets[1].id
        state.detail = F.detail(F.tickets[1])
        var other = F.tickets[3]
        other.assignee = "bob"
        let effects = reduce(&state, .queueChanged(QueueChanges(version: 11, changed: [other], removed: [], summary: state.summary)), now: F.now)
        #expect(!effects.contains { if case .loadDetail = $0 { true } else { false } })
        #expect(state.tickets.first { $0.id == other.id }?.assignee == "bob")
    }

    @Test func staleAnswersAreDroppedAndAFullReloadIsAskedWhenTheStoreSaysSo() {
        var state = loaded(version: 10)
        let before = state.tickets
        var changed = F.tickets[0]
        changed.subject = "old news"
        #expect(reduce(&state, .queueChanged(QueueChanges(version: 9, changed: [changed], removed: [], summary: state.summary)), now: F.now) == [])
        #expect(state.tickets == before)
        let effects = reduce(&state, .queueChanged(QueueChanges(version: 20, changed: nil, removed: [], summary: state.summary)), now: F.now)
        #expect(effects == [.loadQueue])
        #expect(state.queueVersion == nil)
        #expect(state.refreshEffects(now: F.now).first == .loadQueue)
    }
}
