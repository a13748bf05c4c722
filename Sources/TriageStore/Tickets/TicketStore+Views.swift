import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: What each agent has seen (`agent_views`, v12)

    /// Records that the agent opened the ticket as of its `updatedAt` (never moving back: a late write of an older
    /// look changes nothing). Touches no ticket row, so no console reloads for it. Staff only.
    public func markSeen(_ id: TicketID, at updatedAt: Date, as principal: Principal) throws(TicketError) {
        try AccessRules.require(principal, .useConsole)
        try writing { db in
            try db.execute(
                sql: """
                    INSERT INTO agent_views (agent, ticket_id, seen_at) VALUES (?, ?, ?)
                    ON CONFLICT (agent, ticket_id) DO UPDATE SET seen_at = MAX(COALESCE(seen_at, 0), excluded.seen_at)
                    """,
                arguments: [principal.actorName, id.rawValue, updatedAt.timeIntervalSince1970])
        }
    }

    /// What the agent has seen of the queued tickets they opened (`ids`: of these only), each with whether it moved
    /// since by someone else: `updated_at` later than what they saw, and the ticket's last event not theirs (their
    /// own reply or close is no news to them). Primary-key look-ups: the agent's rows, each ticket, its last event.
    public func lastSeen(of ids: [TicketID]? = nil, as principal: Principal) throws(TicketError) -> [TicketID: LastSeen] {
        guard AccessRules.allows(principal, .useConsole) else { return [:] }
        if let ids, ids.isEmpty { return [:] }
        return try reading { db in try Self.lastSeen(db, of: ids, agent: principal.actorName) }
    }

    /// `lastSeen(of:as:)` within a read the caller holds.
    static func lastSeen(_ db: Database, of ids: [TicketID]?, agent: String) throws -> [TicketID: LastSeen] {
        if let ids, ids.isEmpty { return [:] }
        let only = ids.map { " AND v.ticket_id IN (\(Array(repeating: "?", count: $0.count).joined(separator: ",")))" } ?? ""
        // Cached: the console asks this after every change, nearly always of one ticket.
        let statement = try db.cachedStatement(
            sql: """
                SELECT v.ticket_id, v.seen_at,
                  t.updated_at > v.seen_at
                    AND COALESCE((SELECT e.actor FROM events e WHERE e.ticket_id = t.id ORDER BY e.id DESC LIMIT 1), '') <> v.agent
                    AS unread
                FROM agent_views v JOIN tickets t ON t.id = v.ticket_id
                WHERE v.agent = ? AND v.seen_at IS NOT NULL AND t.queue_rank IS NOT NULL\(only)
                """)
        let rows = try Row.fetchAll(statement, arguments: StatementArguments([agent] + (ids ?? []).map(\.rawValue)))
        var seen: [TicketID: LastSeen] = [:]
        for row in rows {
            guard let id = TicketID(row[0] as String) else { continue }
            seen[id] = LastSeen(at: Date(timeIntervalSince1970: row[1]), unread: row[2])
        }
        return seen
    }
}
