import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// The header's breached and warning counts come from the held window when it holds every ticket due soon: live at
/// each SLA edge, with no store read.
@Suite struct HeaderCountTests {
    typealias F = ConsoleFixture

    @Test func theCountsAreTheWindowsAndMoveTheMomentATicketBreaches() throws {
        // Given the fixture queue (one breached, one warning), the store's last count being stale
        var state = F.state(width: 100, height: 20)
        state.summary.breached = 7
        #expect(state.headerSummary(now: F.now).breached == 1)
        #expect(state.headerSummary(now: F.now).warning == 1)
        #expect(F.render(state).lines[0].contains("✖1 breach "))
        // When the clock passes the warning ticket's due time
        let warning = try #require(state.tickets.first { $0.sla.state(now: F.now, policy: .default) == .warning })
        let due = warning.sla.dueAt
        // Then a tick is due at that edge (the ticket may be off screen: the header shows it)
        #expect(state.nextTimeChange(now: F.now) <= due)
        let after = due.addingTimeInterval(1)
        #expect(state.headerSummary(now: after).breached == 2)
        #expect(ConsoleView.render(state, theme: BuiltinThemes.dark, glyphs: .unicode, now: after).lines[0].contains("✖2 breach "))
    }

    @Test func aWindowThatDoesNotHoldThemAllShowsTheStoresCount() {
        // Given a window cut short: the store says 9 queued, the window holds 4 that are all due soon
        var state = F.state(width: 100, height: 20)
        _ = reduce(&state, .queueLoaded(F.tickets, state.summary, version: 10), now: F.now)
        state.summary = QueueSummary(open: 8, waiting: 1, breached: 5, warning: 3)
        let soonOnly = state.tickets.filter { $0.status == .open && $0.sla.remaining(now: F.now) < 3600 * 6 }
        state.tickets = soonOnly
        #expect(state.dueCounts(now: F.now) == nil)
        #expect(state.headerSummary(now: F.now) == state.summary)
        // And a refresh asks the store to count them
        #expect(state.refreshEffects(now: F.now).contains { if case .loadQueueChanges(_, _, true) = $0 { true } else { false } })
    }

    @Test func theDetailThatCameWithTheChangesIsShownWithoutASecondRead() {
        // Given the detail of the selected ticket on screen
        var state = F.state(width: 160, height: 30)
        _ = reduce(&state, .queueLoaded(F.tickets, state.summary, version: 10), now: F.now)
        let selected = F.tickets[1]
        state.selectedID = selected.id
        state.detail = F.detail(selected)
        // When a colleague assigns it and the changes bring its new detail
        var assigned = selected
        assigned.assignee = "bruno"
        let detail = TicketDetail(ticket: assigned, messages: F.detail(assigned).messages, events: [])
        let changes = QueueChanges(
            version: 11, changed: [assigned], removed: [], summary: state.summary, seen: [:], detail: detail)
        let effects = reduce(&state, .queueChanged(changes), now: F.now)
        // Then the detail is the new one, announced, and not read again
        #expect(state.detail?.ticket.assignee == "bruno")
        #expect(!effects.contains(.loadDetail(selected.id)))
        // Without it, the detail is read
        var other = state
        let bare = QueueChanges(version: 12, changed: [assigned], removed: [], summary: state.summary)
        #expect(reduce(&other, .queueChanged(bare), now: F.now).contains(.loadDetail(selected.id)))
    }
}
