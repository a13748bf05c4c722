import Foundation
import TriageCore

extension ConsoleState {
    /// The earliest instant at which a text on screen can change with the clock alone (a countdown, an age, the
    /// runner's "last pass", an SLA state, the wall-clock minute), for the rows in view, the watch in view and the
    /// detail: until then, and while the state itself is unchanged, a one-second tick need not redraw. Conservative:
    /// an instant may come with nothing to change, never the other way round.
    public func nextTimeChange(now: Date) -> Date {
        let wallMinute = 60 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
        var soonest = wallMinute
        // The SLA state turns to warning at due − lead and to breached at due.
        let leads = warningLeads
        func slaEdges(_ ticket: Ticket, remaining: TimeInterval) {
            let warningEdge = remaining - leads[ticket.priority.rank]
            if warningEdge > 0 { soonest = min(soonest, warningEdge) }
            if remaining > 0 { soonest = min(soonest, remaining) }
        }
        func consider(_ ticket: Ticket) {
            let age = now.timeIntervalSince(ticket.createdAt)
            soonest = min(soonest, DurationText.ageSteady(age))
            guard ticket.status != .closed, !ticket.sla.isPaused else { return }
            let remaining = ticket.sla.remaining(now: now)
            soonest = min(soonest, DurationText.countdownSteady(remaining))
            slaEdges(ticket, remaining: remaining)
        }
        let rows = max(1, layout.listRows)
        for ticket in visibleTickets(now: now).dropFirst(scrollTop).prefix(rows) { consider(ticket) }
        if screen == .watch {
            for ticket in watchTickets(now: now).dropFirst(watchScrollTop).prefix(rows) { consider(ticket) }
        }
        if let detail { consider(detail.ticket) }
        // The header's breached and warning counts (`dueCounts`) move at the SLA edges of every open ticket due soon,
        // on screen or not (those due later than a minute past the warning horizon have no edge within the minute).
        // Those already breached have no edge left.
        for index in openEnd(dueBefore: now)..<openEnd(dueBefore: now.addingTimeInterval(longestLead + 60)) {
            slaEdges(tickets[index], remaining: tickets[index].sla.remaining(now: now))
        }
        if let last = automation?.lastPassAt {
            let age = now.timeIntervalSince(last)
            soonest = min(soonest, DurationText.ageSteady(age))
            if AutomationHealth.staleAfter - age > 0 { soonest = min(soonest, AutomationHealth.staleAfter - age) }
        }
        return now.addingTimeInterval(max(0, soonest))
    }
}
