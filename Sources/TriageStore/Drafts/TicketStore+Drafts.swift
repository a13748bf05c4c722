import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Console drafts — saved as the agent types, so a crash or a kill loses nothing

    /// Saves (or, when `body` is empty, deletes) an agent's draft for a ticket.
    public func saveDraft(_ body: String, kind: DraftKind, ticket id: String, as principal: Principal, now: Date) throws(TicketError) {
        try writing { db in
            let ticket = try Self.visibleTicket(db, id, as: principal)
            guard principal.isStaff else { throw TicketError.forbidden("drafts are for agents") }
            if body.isEmpty {
                try db.execute(
                    sql: "DELETE FROM drafts WHERE agent = ? AND ticket_id = ? AND kind = ?",
                    arguments: [principal.actorName, ticket.id.rawValue, kind.rawValue])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO drafts (agent, ticket_id, kind, body, updated_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (agent, ticket_id, kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
                        """,
                    arguments: [principal.actorName, ticket.id.rawValue, kind.rawValue, body, now.timeIntervalSince1970])
            }
        }
    }

    /// The agent's saved draft for a ticket, if any.
    public func draft(kind: DraftKind, ticket id: String, as principal: Principal) throws(TicketError) -> String? {
        guard principal.isStaff, let ticketID = TicketID(id) else { return nil }
        return try reading { db in
            try String.fetchOne(
                db, sql: "SELECT body FROM drafts WHERE agent = ? AND ticket_id = ? AND kind = ?",
                arguments: [principal.actorName, ticketID.rawValue, kind.rawValue])
        }
    }
}
