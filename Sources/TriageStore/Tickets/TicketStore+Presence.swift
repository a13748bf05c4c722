import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Presence: who has a ticket open or is writing on it (`agent_views.opened_at`, `drafts.updated_at`)

    /// The console's heartbeat: the agent has `id` open (nil: none), and is writing a `typing` draft on it. Their
    /// presence on any other ticket ends; a draft being written is kept fresh even while they pause. Touches no
    /// ticket row. Staff only.
    public func heartbeat(_ id: TicketID?, typing: DraftKind? = nil, as principal: Principal, now: Date) throws(TicketError) {
        try AccessRules.require(principal, .useConsole)
        let agent = principal.actorName
        let at = now.timeIntervalSince1970
        try writing { db in
            try db.execute(
                sql: "UPDATE agent_views SET opened_at = NULL WHERE agent = ? AND opened_at IS NOT NULL AND ticket_id <> ?",
                arguments: [agent, id?.rawValue ?? ""])
            guard let id else { return }
            try db.execute(
                sql: """
                    INSERT INTO agent_views (agent, ticket_id, opened_at) VALUES (?, ?, ?)
                    ON CONFLICT (agent, ticket_id) DO UPDATE SET opened_at = excluded.opened_at
                    """,
                arguments: [agent, id.rawValue, at])
            if let typing {
                try db.execute(
                    sql: "UPDATE drafts SET updated_at = ? WHERE agent = ? AND ticket_id = ? AND kind = ?",
                    arguments: [at, agent, id.rawValue, typing.rawValue])
            }
        }
    }

    /// The colleagues (every agent but the one asking) present on tickets now: a heartbeat or a draft save within
    /// `Presence.freshness`, one entry per agent and ticket (writing wins over viewing). Two index ranges over the
    /// fresh rows only, whatever the store's size.
    public func presence(as principal: Principal, now: Date) throws(TicketError) -> [TicketID: [Presence]] {
        guard AccessRules.allows(principal, .useConsole) else { return [:] }
        let since = now.timeIntervalSince1970 - Presence.freshness
        let rows = try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT ticket_id, agent, 'viewing' AS activity FROM agent_views WHERE opened_at > ? AND agent <> ?
                    UNION ALL
                    SELECT ticket_id, agent, CASE kind WHEN 'reply' THEN 'replying' ELSE 'noting' END FROM drafts
                    WHERE updated_at > ? AND agent <> ?
                    """,
                arguments: [since, principal.actorName, since, principal.actorName])
        }
        return Presence.byTicket(rows.map { (ticket: $0[0], agent: $0[1], activity: $0[2]) })
    }
}
