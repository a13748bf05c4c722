import Foundation
import TriageCore

/// Unread markers: the queue marks a ticket that someone else moved since the agent last opened it; opening it (its
/// detail on screen, full-screen or beside the list) records what they saw.
extension ConsoleState {
    /// Whether the queue marks the ticket as moved since the agent last opened it.
    public func isUnread(_ id: TicketID) -> Bool { seen[id]?.unread == true }

    /// Whether the detail is on screen (full-screen, or beside the list on a wide terminal).
    var detailShown: Bool { detailOpen || (layout.isWide && screen != .stats) }

    /// The detail just loaded: if it is on screen and the agent has not seen it as it is, record that they have.
    mutating func noteSeen(_ detail: TicketDetail) -> [ConsoleEffect] {
        let ticket = detail.ticket
        guard detailShown, ticket.status != .closed, currentSelectionID == ticket.id else { return [] }
        if let last = seen[ticket.id], !last.unread, last.at >= ticket.updatedAt { return [] }
        seen[ticket.id] = LastSeen(at: ticket.updatedAt, unread: false)
        return [.markSeen(ticket.id, at: ticket.updatedAt)]
    }

    /// What the store says the agent saw: of every queued ticket (`ids` nil), or of these tickets only.
    mutating func mergeSeen(_ marks: [TicketID: LastSeen], of ids: Set<TicketID>?) {
        guard let ids else {
            seen = marks
            return
        }
        for id in ids {
            // The detail on screen is seen as it is (its reload follows and records it).
            if let mark = marks[id], detailShown, currentSelectionID == id, detail?.ticket.id == id {
                seen[id] = LastSeen(at: mark.at, unread: false)
            } else {
                seen[id] = marks[id]
            }
        }
    }
}
