import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Reads

    /// The ticket `id` as `principal` may see it, or `no ticket …` (the same for missing and foreign tickets).
    public func ticket(_ id: String, as principal: Principal) throws(TicketError) -> Ticket {
        try reading { db in try Self.visibleTicket(db, id, as: principal) }
    }

    /// A ticket with its thread as `principal` may see it (no internal notes for users and the service), and the
    /// event log for staff only: all of it, or its last `recentEvents` (the console, which reloads the detail on
    /// every change and reads only who did the latest things, asks for a few).
    public func detail(_ id: String, as principal: Principal, recentEvents: Int? = nil) throws(TicketError) -> TicketDetail {
        try reading { db in try Self.detail(db, id, as: principal, recentEvents: recentEvents) }
    }

    /// `detail(_:as:recentEvents:)` within a read the caller holds.
    static func detail(_ db: Database, _ id: String, as principal: Principal, recentEvents: Int?) throws -> TicketDetail {
        let ticket = try Self.visibleTicket(db, id, as: principal)
        let messages = try Self.visibleMessages(db, ticket.id, as: principal)
        let events = principal.isStaff ? try EventRow.fetch(db, of: ticket.id, last: recentEvents) : []
        return TicketDetail(ticket: ticket, messages: messages, events: events)
    }

    /// The queue in SLA-urgency order (SPEC §4), filtered and scoped to `principal`, one page at a time.
    ///
    /// Served by the `tickets_queue` index: the cost of the top 50 stays flat however many tickets the store holds.
    /// With `filter.status == .closed`, lists closed tickets, most recently closed first, paged by `closed_at` and id.
    public func queue(_ filter: QueueFilter, as principal: Principal, after cursor: QueueCursor? = nil) throws(TicketError) -> QueuePage {
        let limit = max(1, min(filter.limit, 500))
        return try reading { db in
            let scope = Self.scope(principal)
            var conditions = [scope.sql]
            var arguments = scope.arguments
            if let priority = filter.priority {
                conditions.append("t.priority = ?")
                arguments += [priority.rawValue]
            }
            if let category = filter.category {
                conditions.append("t.category = ?")
                arguments += [category.rawValue]
            }
            switch filter.assignee {
            case .anyone: break
            case .nobody: conditions.append("t.assignee IS NULL")
            case .named(let name):
                conditions.append("t.assignee = ?")
                arguments += [name]
            }
            let sql: String
            if filter.status == .closed {
                conditions.append("t.status = 'closed'")
                if let cursor {
                    guard cursor.key.rank == QueueCursor.closedRank else { throw QueueCursor.foreign(cursor) }
                    conditions.append("(t.closed_at < ? OR (t.closed_at = ? AND t.id > ?))")
                    arguments += [cursor.key.key, cursor.key.key, cursor.key.id]
                }
                sql = "\(TicketRow.select) WHERE \(conditions.joined(separator: " AND ")) ORDER BY t.closed_at DESC, t.id LIMIT \(limit + 1)"
            } else {
                if let cursor, cursor.key.rank == QueueCursor.closedRank { throw QueueCursor.foreign(cursor) }
                if let status = filter.status {
                    conditions.append("t.queue_rank = ?")
                    arguments += [status == .open ? 0 : 1]
                }
                if let cursor {
                    let after = Self.queued(">", cursor.key)
                    conditions.append(after.sql)
                    arguments += after.arguments
                }
                sql = Self.queueSQL(conditions, limit: "\(limit + 1)", scoped: principal.scopedUser != nil)
            }
            let rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
            let tickets = try Self.publicView(db, try TicketRow.decodeAll(db, rows: Array(rows.prefix(limit))), as: principal)
            let last = rows.count > limit ? tickets.last : nil
            let next = filter.status == .closed ? last.flatMap(QueueCursor.closed) : last?.queueKey.map(QueueCursor.init)
            return QueuePage(tickets: tickets, nextCursor: next)
        }
    }

    /// The queue's order (SPEC §4) in SQL: the columns of `QueueKey`, served by the `tickets_queue` index.
    static let queueOrder = "t.queue_rank, t.queue_key, t.priority_rank, t.created_at, t.id"

    /// The queue query: the queued tickets meeting every one of `conditions`, in queue order, at most `limit` (a
    /// number or `?`). The API's pages, the console's snapshot and the plan check all read through it.
    ///
    /// A staff queue (`scoped` false) is read through `tickets_queue` by name: once a store has statistics (the bulk
    /// seeder runs ANALYZE), SQLite's planner prefers `tickets_assignee` and a sort of every queued ticket, 160 ms
    /// instead of 0.5 ms at 1M tickets (measured 2026-11-30). A requester's queue is left to the planner
    /// (`tickets_user` holds only their tickets).
    static func queueSQL(_ conditions: [String], limit: String, scoped: Bool = false) -> String {
        let all = (["t.queue_rank IS NOT NULL"] + conditions).joined(separator: " AND ")
        return "\(TicketRow.select(indexedBy: scoped ? nil : "tickets_queue")) WHERE \(all) ORDER BY \(queueOrder) LIMIT \(limit)"
    }

    /// The condition "before (`<`) or after (`>`) `key` in queue order", with its arguments.
    static func queued(_ comparison: String, _ key: QueueKey) -> (sql: String, arguments: StatementArguments) {
        ("(\(queueOrder)) \(comparison) (?, ?, ?, ?, ?)", [key.rank, key.key, key.priorityRank, key.createdAt, key.id])
    }

    /// The SQL plan of the default queue query (for tests and the benchmark to check that an index serves it).
    public func queuePlan() throws(TicketError) -> String {
        try reading { db in
            try Row.fetchAll(
                db,
                sql: "EXPLAIN QUERY PLAN \(Self.queueSQL(["1"], limit: "51"))"
            ).map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    /// How many tickets the store holds, by status (for headers and the seeder).
    public func counts() throws(TicketError) -> [TicketStatus: Int] {
        try reading { db in
            var counts: [TicketStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM tickets GROUP BY status") {
                if let status = TicketStatus(rawValue: row[0]) { counts[status] = row[1] }
            }
            return counts
        }
    }
}

/// Reading a `TicketEvent` from the `events` table.
enum EventRow {
    /// The events of ticket `id` in the order they happened: those of `kinds` only when given, the `last` few only
    /// when given. Columns are read by position (else a name is looked up for every row), and the ticket's id is the
    /// one asked for.
    static func fetch(_ db: Database, of id: TicketID, kinds: [EventKind]? = nil, last: Int? = nil) throws -> [TicketEvent] {
        let only = kinds.map { " AND kind IN (\($0.map { "'\($0.rawValue)'" }.joined(separator: ", ")))" } ?? ""
        let order = last.map { " ORDER BY id DESC LIMIT \(max(0, $0))" } ?? " ORDER BY id"
        let statement = try db.cachedStatement(
            sql: "SELECT kind, actor, at, old_value, new_value FROM events WHERE ticket_id = ?\(only)\(order)")
        let events = try Row.fetchAll(statement, arguments: [id.rawValue]).map { row in
            try TicketEvent(
                ticketID: id, kind: StrictColumn.value(row[0], column: "events.kind"), actor: row[1],
                at: Date(timeIntervalSince1970: row[2]), oldValue: row[3], newValue: row[4])
        }
        return last == nil ? events : events.reversed()
    }

    static func insert(_ db: Database, _ e: TicketEvent) throws {
        try db.cachedStatement(sql: "INSERT INTO events (ticket_id, kind, actor, at, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [e.ticketID.rawValue, e.kind.rawValue, e.actor, e.at.timeIntervalSince1970, e.oldValue, e.newValue])
    }
}
