import Foundation
import TriageCore

@testable import TriageConsole

/// Hand-built tickets and states for console tests (no store).
enum ConsoleFixture {
    static let now = Date(timeIntervalSince1970: 1_795_600_800)  // 2026-11-25T10:00:00Z

    static func ticket(
        _ suffix: String, _ subject: String, _ category: TriageCore.Category = .billing, _ priority: Priority = .high, hoursAgo: Double,
        status: TicketStatus = .open, assignee: String? = nil, tags: [String] = []
    ) -> Ticket {
        let created = now.addingTimeInterval(-hoursAgo * 3600)
        var events = [SLATimedEvent(at: created, event: .created(category, priority))]
        if status == .waiting { events.append(SLATimedEvent(at: created.addingTimeInterval(1800), event: .statusChanged(.waiting))) }
        let sla = SLAClock.replay(events, policy: .default)!
        return Ticket(
            id: TicketID("TKT00000\(suffix)")!, userID: UserID(123_456_789_012_345_678), subject: subject,
            description: "Description of \(subject)",
            category: category, priority: priority, status: status, assignee: assignee, tags: tags, createdAt: created, sla: sla)
    }

    static let tickets: [Ticket] = [
        ticket("1", "Paiement refusé", .billing, .high, hoursAgo: 27),  // breached -3h
        ticket("2", "Can't log in", .account, .critical, hoursAgo: 8),  // 4h left: warning
        ticket("3", "Crash au lancement 🔥", .technical, .medium, hoursAgo: 7, assignee: "bob"),  // 41h
        ticket("4", "Question", .general, .low, hoursAgo: 1, status: .waiting),
    ].inQueueOrder()

    static func state(width: Int = 80, height: Int = 16) -> ConsoleState {
        var state = ConsoleState(agent: "alice", policy: .default, width: width, height: height, now: now)
        _ = reduce(
            &state, .queueLoaded(tickets, QueueSummary(open: 3, waiting: 1, breached: 1, warning: 1, critical: 1, unassigned: 3)), now: now)
        return state
    }

    static func detail(_ ticket: Ticket) -> TicketDetail {
        TicketDetail(
            ticket: ticket,
            messages: [
                Message(
                    id: 1, ticketID: ticket.id, authorKind: .agent, author: "bob", body: "Bonjour, pouvez-vous réessayer ?",
                    isInternal: false,
                    createdAt: now.addingTimeInterval(-3600)),
                Message(
                    id: 2, ticketID: ticket.id, authorKind: .agent, author: "bob", body: "Stripe shows two captures", isInternal: true,
                    createdAt: now.addingTimeInterval(-1800)),
            ], events: [])
    }

    static func render(_ state: ConsoleState, theme: Theme = BuiltinThemes.dark, glyphs: Glyphs = .unicode) -> ScreenBuffer {
        ConsoleView.render(state, theme: theme, glyphs: glyphs, now: now)
    }

    /// Sends keys one by one, collecting the effects.
    @discardableResult
    static func press(_ keys: [Key], _ state: inout ConsoleState) -> [ConsoleEffect] {
        keys.flatMap { reduce(&state, .key($0), now: now) }
    }

    static func type(_ text: String) -> [Key] { text.map { Key.character($0) } }
}
