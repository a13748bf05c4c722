import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Console drafts — saved as the agent types, so a crash or a kill loses nothing

    /// Saves (or, when `body` is empty, deletes) an agent's draft for a ticket.
    public func saveDraft(_ body: String, kind: DraftKind, ticket id: String, as principal: Principal, now: Date) throws(TicketError) {
        try writing { db in
            let ticket = try Self.visibleTicket(db, id, as: principal)
            try AccessRules.require(principal, .keepDrafts)
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

    /// Which tickets the agent has a saved draft on, and of which kinds (for the console's draft markers).
    public func draftKinds(as principal: Principal) throws(TicketError) -> [TicketID: Set<DraftKind>] {
        guard AccessRules.allows(principal, .keepDrafts) else { return [:] }
        let rows = try reading { db in
            try Row.fetchAll(db, sql: "SELECT ticket_id, kind FROM drafts WHERE agent = ?", arguments: [principal.actorName])
        }
        var kinds: [TicketID: Set<DraftKind>] = [:]
        for row in rows {
            guard let id = TicketID(row["ticket_id"] as String), let kind = DraftKind(rawValue: row["kind"]) else { continue }
            kinds[id, default: []].insert(kind)
        }
        return kinds
    }

    /// The agent's saved draft for a ticket, if any.
    public func draft(kind: DraftKind, ticket id: String, as principal: Principal) throws(TicketError) -> String? {
        guard AccessRules.allows(principal, .keepDrafts), let ticketID = TicketID(id) else { return nil }
        return try reading { db in
            try String.fetchOne(
                db, sql: "SELECT body FROM drafts WHERE agent = ? AND ticket_id = ? AND kind = ?",
                arguments: [principal.actorName, ticketID.rawValue, kind.rawValue])
        }
    }
}
