import Foundation
import GRDB
import TriageCore

extension TicketStore {
    /// The queue as the console shows it: up to `limit` queued tickets in queue order, and the headline counts over
    /// the whole queue, read in one transaction so they agree. Staff only.
    public func queueSnapshot(as principal: Principal, now: Date, limit: Int = 5_000) throws(TicketError) -> (
        tickets: [Ticket], summary: QueueSummary, version: Int
    ) {
        try AccessRules.require(principal, .useConsole)
        return try reading { db in
            let rows = try Row.fetchAll(
                db,
                sql: Self.queueSQL([], limit: "?"),
                arguments: [limit])
            let tickets = try TicketRow.decodeAll(db, rows: rows)
            return (tickets, try Self.queueSummary(db, policy: try self.currentPolicy(db), now: now), try Self.ticketVersion(db))
        }
    }

    /// What changed in the queue since `version` (a `ticketVersion` from `queueSnapshot` or an earlier call): the
    /// changed tickets as they are now — `changed` for those still queued, `removed` for those that left it (closed
    /// or deleted) — with the header counts and the new version, all from one read. `changed` is nil when the reader
    /// must take a whole snapshot instead: a bulk load happened, or more than `limit` tickets changed. The cost
    /// follows the number of changes, not the store's size.
    ///
    /// The same read gives what the console shows of the changed tickets besides their rows: their escalations and
    /// what the agent last saw of them, and the detail of `detail` when it is among them. With `countDue` false, the
    /// breached and warning counts (range counts over the tickets due soon) are left to the reader, which holds those
    /// tickets.
    public func queueChanges(
        since version: Int, as principal: Principal, now: Date, limit: Int = 500, detail shown: TicketID? = nil,
        countDue: Bool = true, detailEvents: Int? = nil
    ) throws(TicketError) -> QueueChanges {
        try AccessRules.require(principal, .useConsole)
        return try reading { db in
            let current = try Self.ticketVersion(db)
            let summary = try Self.queueSummary(db, policy: try self.currentPolicy(db), now: now, countDue: countDue)
            guard current != version else { return QueueChanges(version: current, changed: [], removed: [], summary: summary) }
            let ids = try String.fetchAll(
                db.cachedStatement(sql: "SELECT ticket_id FROM ticket_changes WHERE seq > ? LIMIT ?"), arguments: [version, limit + 1])
            guard ids.count <= limit, !ids.contains("*"), current > version else {
                return QueueChanges(version: current, changed: nil, removed: [], summary: summary)
            }
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db.cachedStatement(sql: "\(TicketRow.select) WHERE t.id IN (\(placeholders))"), arguments: StatementArguments(ids))
            let queued = try TicketRow.decodeAll(db, rows: rows).filter { $0.status != .closed }
            let kept = Set(queued.map(\.id.rawValue))
            let touched = ids.compactMap(TicketID.init)
            var detail: TicketDetail?
            if let shown, touched.contains(shown) {
                // Deleted meanwhile: no detail (the reader sees the ticket removed).
                detail = try? Self.detail(db, shown.rawValue, as: principal, recentEvents: detailEvents)
            }
            return QueueChanges(
                version: current, changed: queued, removed: Set(ids.filter { !kept.contains($0) }.compactMap(TicketID.init)),
                summary: summary, escalations: try Self.escalations(db, of: queued.filter(\.escalated).map(\.id)),
                seen: try Self.lastSeen(db, of: touched, agent: principal.actorName), detail: detail)
        }
    }

    static func ticketVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM ticket_version WHERE id = 1")) ?? 0
    }

    /// The headline counts over the whole queue: open, waiting, critical and unassigned as the ticket triggers keep
    /// them (`queue_counts`), breached and warning as range counts on the queue index over the open tickets past or
    /// near their due time, so the cost follows those, not the queue's size.
    static func queueSummary(_ db: Database, policy: SLAPolicy, now: Date, countDue: Bool = true) throws -> QueueSummary {
        let counts = try Row.fetchOne(db.cachedStatement(sql: "SELECT open, waiting, critical, unassigned FROM queue_counts WHERE id = 1"))
        var summary = QueueSummary(
            open: counts?[0] ?? 0, waiting: counts?[1] ?? 0, critical: counts?[2] ?? 0, unassigned: counts?[3] ?? 0)
        guard countDue else {
            summary.dueCounted = false
            return summary
        }
        // `SLAState.running` as ranges over the queue index: breached before now, warning within each priority's lead.
        let leads = policy.warningLeadsByRank
        let t = now.timeIntervalSince1970
        let breached =
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM tickets INDEXED BY tickets_queue WHERE queue_rank = 0 AND queue_key < ?"),
                arguments: [t]) ?? 0
        let warning =
            try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*) FROM tickets INDEXED BY tickets_queue
                        WHERE queue_rank = 0 AND queue_key >= ? AND queue_key <= ?
                          AND queue_key <= ? + CASE priority_rank WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END
                        """),
                arguments: [t, t + (leads.max() ?? 0), t, leads[0], leads[1], leads[2], leads[3]]) ?? 0
        summary.breached = breached
        summary.warning = warning
        return summary
    }
}

extension TicketStore {
    /// The ticket change counter: it moves whenever any ticket row changes (not on drafts or tokens). Readers that
    /// cache what they derived from tickets (the console, the API's page cache) compare it to know when to refresh.
    public func ticketVersion() throws(TicketError) -> Int {
        try reading { db in try Self.ticketVersion(db) }
    }
}
