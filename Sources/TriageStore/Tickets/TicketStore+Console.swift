import Foundation
import GRDB
import TriageCore

extension TicketStore {
    /// The queue as the console shows it: up to `limit` queued tickets in queue order, and the headline counts over
    /// the whole queue, read in one transaction so they agree. Staff only.
    public func queueSnapshot(as principal: Principal, now: Date, limit: Int = 5_000) throws(TicketError) -> (
        tickets: [Ticket], summary: QueueSummary
    ) {
        guard principal.isStaff else { throw .forbidden("the console is for agents") }
        return try reading { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    \(TicketRow.select) WHERE t.queue_rank IS NOT NULL
                    ORDER BY t.queue_rank, t.queue_key, t.priority_rank, t.created_at, t.id LIMIT ?
                    """,
                arguments: [limit])
            let tickets = try TicketRow.decodeAll(db, rows: rows)
            let policy = try self.currentPolicy(db)
            let lead = Priority.allCases.map { policy.warningLead(for: $0) }
            let t = now.timeIntervalSince1970
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT
                      COALESCE(SUM(queue_rank = 0), 0),
                      COALESCE(SUM(queue_rank = 1), 0),
                      COALESCE(SUM(queue_rank = 0 AND queue_key < ?), 0),
                      COALESCE(SUM(queue_rank = 0 AND queue_key >= ? AND queue_key <= ? + CASE priority_rank
                        WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END), 0),
                      COALESCE(SUM(priority_rank = 0), 0),
                      COALESCE(SUM(assignee IS NULL), 0)
                    FROM tickets WHERE queue_rank IS NOT NULL
                    """,
                arguments: [t, t, t, lead[0], lead[1], lead[2], lead[3]])!
            let summary = QueueSummary(
                open: row[0], waiting: row[1], breached: row[2], warning: row[3], critical: row[4], unassigned: row[5])
            return (tickets, summary)
        }
    }
}

extension TicketStore {
    /// The ticket change counter: it moves whenever any ticket row changes (not on drafts or tokens). Readers that
    /// cache what they derived from tickets (the console, the API's page cache) compare it to know when to refresh.
    public func ticketVersion() throws(TicketError) -> Int {
        try reading { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM ticket_version WHERE id = 1")) ?? 0 }
    }
}
