import Foundation
import PostgresNIO
import TriageCore

/// SQL with `$n` binds, built a condition at a time (the queue's filters vary).
struct BoundSQL {
    var bindings = PostgresBindings()
    private(set) var count = 0

    /// The placeholder for `value`, bound.
    mutating func bind(_ value: some PostgresThrowingDynamicTypeEncodable) throws -> String {
        try bindings.append(value)
        count += 1
        return "$\(count)"
    }

    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}

extension PostgresTicketStore {
    /// The columns every ticket read selects: the row, its tags, its rating and its requester's name, in one
    /// statement. For a requester (`publicView` true) also the time of the ticket's latest public event: what their
    /// `updated_at` shows.
    static func ticketSelect(publicView: Bool = false) -> String {
        let hidden = EventKind.staffOnly.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return "SELECT \(TicketColumns.names.map { "t.\($0)" }.joined(separator: ", ")), r.rating AS r_rating, r.comment AS r_comment, "
            + "r.rated_at AS r_rated_at, q.name AS q_name, "
            + "(SELECT array_agg(g.tag ORDER BY g.tag) FROM triage.tags g WHERE g.ticket_id = t.id) AS tags"
            + (publicView ? ", (SELECT max(e.at) FROM triage.events e WHERE e.ticket_id = t.id AND e.kind NOT IN (\(hidden))) AS public_at" : "")
            + " FROM triage.tickets t LEFT JOIN triage.ratings r ON r.ticket_id = t.id LEFT JOIN triage.requesters q ON q.user_id = t.user_id"
    }

    /// The store's own scope condition (row-level security enforces the same): a requester's tickets only.
    static func scope(_ principal: Principal, _ sql: inout BoundSQL) throws -> String {
        guard let user = principal.scopedUser else { return "true" }
        return "t.user_id = \(try sql.bind(user.description))"
    }

    static func decodeTicket(_ row: PostgresRow, tags: [String]) throws -> Ticket {
        let r = row.makeRandomAccess()
        func date(_ name: String) throws -> Date? { try r[name].decode(Double?.self).map(Date.init(timeIntervalSince1970:)) }
        func column<T: RawRepresentable>(_ name: String, _: T.Type = T.self) throws -> T where T.RawValue == String {
            let raw = try r[name].decode(String.self)
            guard let value = T(rawValue: raw) else { throw TicketError.storage("tickets.\(name) holds an unknown value \(raw.debugDescription)") }
            return value
        }
        let category: Category = try column("category")
        let priority: Priority = try column("priority")
        let status: TicketStatus = try column("status")
        let sla = SLASnapshot(
            category: category, priority: priority, budget: SLABudget(hours: try r["sla_hours"].decode(Double.self), rule: try column("sla_rule")),
            cycleStart: try date("cycle_start")!, pausedSeconds: try r["paused_seconds"].decode(Double.self), pausedAt: try date("paused_at"),
            closedAt: status == .closed ? try date("closed_at") : nil, cycle: try r["cycle"].decode(Int.self))
        let satisfaction = try r["r_rating"].decode(Int?.self).map { rating in
            Satisfaction(rating: rating, comment: try r["r_comment"].decode(String?.self), ratedAt: try date("r_rated_at") ?? Date(timeIntervalSince1970: 0))
        }
        let idText = try r["id"].decode(String.self)
        let userText = try r["user_id"].decode(String.self)
        guard let id = TicketID(idText), let user = UserID(userText) else {
            throw TicketError.storage("tickets holds a malformed id or user id (\(idText.debugDescription), \(userText.debugDescription))")
        }
        return Ticket(
            id: id, userID: user, subject: try r["subject"].decode(String.self), description: try r["description"].decode(String.self),
            category: category, priority: priority, status: status, assignee: try r["assignee"].decode(String?.self), tags: tags,
            escalated: try r["escalated"].decode(Bool.self), resolution: try r["resolution"].decode(String?.self),
            createdAt: try date("created_at")!, updatedAt: try date("updated_at"), closedAt: try date("closed_at"),
            firstResponseAt: try date("first_response_at"), awaitingAgentSince: try date("awaiting_agent_since"), sla: sla,
            satisfaction: satisfaction, acknowledgedAt: try date("acknowledged_at"), requesterName: try r["q_name"].decode(String?.self))
    }

    /// The tickets of `query`'s rows (selected by `ticketSelect`); as a requester sees them when the rows carry
    /// `public_at` (no tags, their `updated_at`).
    func tickets(_ c: PostgresConnection, _ query: PostgresQuery) async throws -> [Ticket] {
        try await tickets(try await c.query(query, logger: logger))
    }

    /// The tickets of a prepared statement's rows.
    func tickets<S: Prepared.Rows>(_ c: PostgresConnection, _ statement: S) async throws -> [Ticket] {
        try await tickets(try await c.execute(statement, logger: logger))
    }

    func tickets<Rows: AsyncSequence>(_ rows: Rows) async throws -> [Ticket] where Rows.Element == PostgresRow {
        var tickets: [Ticket] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            var ticket = try Self.decodeTicket(row, tags: try r["tags"].decode([String]?.self) ?? [])
            if r.contains("public_at") {
                ticket.tags = []
                if let at = try r["public_at"].decode(Double?.self) { ticket.updatedAt = Date(timeIntervalSince1970: at) }
            }
            tickets.append(ticket)
        }
        return tickets
    }

    /// The ticket `id` as `principal` may see it (a missing and a foreign ticket are the same `no ticket` error);
    /// `forWriting` locks its row until the transaction ends and keeps it whole (it is saved, and staff notices are
    /// built from it).
    func visibleTicket(_ c: PostgresConnection, _ id: String, as principal: Principal, forWriting: Bool = false) async throws -> Ticket {
        guard let ticketID = TicketID(id) else { throw TicketError.noTicket(id) }
        var sql = BoundSQL()
        let where_ = "t.id = \(try sql.bind(ticketID.rawValue)) AND \(try Self.scope(principal, &sql))"
        if forWriting {
            // Lock first, then read in a statement of its own: under READ COMMITTED a locking read that waited for
            // another writer sees that writer's row but not its tags, rating or name (sub-selects and joins keep the
            // statement's first snapshot); the next statement sees everything committed.
            var locked = false
            for try await _ in try await c.query(sql.query("SELECT 1 FROM triage.tickets t WHERE \(where_) FOR UPDATE"), logger: logger) {
                locked = true
            }
            guard locked else { throw TicketError.noTicket(id) }
        }
        let found: [Ticket]
        if forWriting {
            found = try await tickets(c, sql.query("\(Self.ticketSelect()) WHERE \(where_)"))
        } else if let user = principal.scopedUser {
            found = try await tickets(c, Prepared.RequesterTicket(id: ticketID.rawValue, user: user.description))
        } else {
            found = try await tickets(c, Prepared.StaffTicket(id: ticketID.rawValue))
        }
        guard let ticket = found.first else { throw TicketError.noTicket(id) }
        return ticket
    }

    /// Tickets (just written) as a user and the service see them: `updated_at` from public activity only, and no tags.
    func publicView(_ c: PostgresConnection, _ tickets: [Ticket], as principal: Principal) async throws -> [Ticket] {
        guard !principal.isStaff, !tickets.isEmpty else { return tickets }
        let hidden = EventKind.staffOnly.map(\.rawValue)
        var latest: [String: Double] = [:]
        let rows = try await c.query(
            """
            SELECT ticket_id, max(at) FROM triage.events WHERE ticket_id = ANY(\(tickets.map(\.id.rawValue))) AND kind <> ALL(\(hidden))
            GROUP BY ticket_id
            """, logger: logger)
        for try await (id, at) in rows.decode((String, Double?).self) { latest[id] = at }
        return tickets.map { ticket in
            var ticket = ticket
            ticket.tags = []
            if let at = latest[ticket.id.rawValue] ?? nil { ticket.updatedAt = Date(timeIntervalSince1970: at) }
            return ticket
        }
    }

    /// The thread of a visible ticket: internal notes for staff only; for others numbered 1, 2, 3… in the thread.
    func visibleMessages(_ c: PostgresConnection, _ id: TicketID, as principal: Principal) async throws -> [Message] {
        let staff = AccessRules.mayReadInternalNotes(principal)
        let rows = try await c.execute(Prepared.Thread(id: id.rawValue, internalNotes: staff), logger: logger)
        var messages: [Message] = []
        for try await row in rows {
            let (number, kind, author, body, isInternal, at) = try row.decode((Int64, String, String, String, Bool, Double).self)
            guard let authorKind = AuthorKind(rawValue: kind) else { throw TicketError.storage("messages.author_kind holds \(kind.debugDescription)") }
            messages.append(
                Message(
                    id: staff ? number : Int64(messages.count + 1), ticketID: id, authorKind: authorKind, author: author, body: body,
                    isInternal: isInternal, createdAt: Date(timeIntervalSince1970: at)))
        }
        return messages
    }

    /// The events of a ticket in the order they happened, only those of `kinds` when given, only the `last` latest
    /// when given.
    func events(_ c: PostgresConnection, of id: TicketID, kinds: [EventKind]? = nil, last: Int? = nil) async throws -> [TicketEvent] {
        let rows: PostgresRowSequence
        if let last {
            rows = try await c.query(
                """
                SELECT kind, actor, at, old_value, new_value FROM (
                  SELECT id, kind, actor, at, old_value, new_value FROM triage.events WHERE ticket_id = \(id.rawValue)
                  ORDER BY id DESC LIMIT \(last)) e ORDER BY id
                """, logger: logger)
        } else if let kinds {
            rows = try await c.query(
                "SELECT kind, actor, at, old_value, new_value FROM triage.events WHERE ticket_id = \(id.rawValue) AND kind = ANY(\(kinds.map(\.rawValue))) ORDER BY id",
                logger: logger)
        } else {
            return try await events(try await c.execute(Prepared.Events(id: id.rawValue), logger: logger), of: id)
        }
        return try await events(rows, of: id)
    }

    func events<Rows: AsyncSequence>(_ rows: Rows, of id: TicketID) async throws -> [TicketEvent] where Rows.Element == PostgresRow {
        var events: [TicketEvent] = []
        for try await row in rows {
            let (kind, actor, at, old, new) = try row.decode((String, String, Double, String?, String?).self)
            guard let kind = EventKind(rawValue: kind) else { throw TicketError.storage("events.kind holds \(kind.debugDescription)") }
            events.append(TicketEvent(ticketID: id, kind: kind, actor: actor, at: Date(timeIntervalSince1970: at), oldValue: old, newValue: new))
        }
        return events
    }

    static func binds(_ values: String...) throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { try bindings.append(value) }
        return bindings
    }

    // MARK: TicketStoring reads

    public func ticket(_ id: String, as principal: Principal) async throws(TicketError) -> Ticket {
        try await transaction(as: principal, kind: .prepared) { c in try await visibleTicket(c, id, as: principal) }
    }

    public func detail(_ id: String, as principal: Principal) async throws(TicketError) -> TicketDetail {
        try await detail(id, as: principal, recentEvents: nil)
    }

    /// The ticket with its thread and, for staff, its event log: all of it, or its last `recentEvents`.
    public func detail(_ id: String, as principal: Principal, recentEvents: Int?) async throws(TicketError) -> TicketDetail {
        try await transaction(as: principal, kind: .prepared) { c in try await detail(c, id, as: principal, recentEvents: recentEvents) }
    }

    /// The ticket, its thread and its log are asked for at once (one round trip): row-level security keeps a
    /// foreign ticket's rows out of all three, and its missing ticket is the answer.
    func detail(_ c: PostgresConnection, _ id: String, as principal: Principal, recentEvents: Int?) async throws -> TicketDetail {
        guard let ticketID = TicketID(id) else { throw TicketError.noTicket(id) }
        async let messages = visibleMessages(c, ticketID, as: principal)
        async let events = principal.isStaff ? self.events(c, of: ticketID, last: recentEvents) : []
        let ticket = try await visibleTicket(c, id, as: principal)
        return TicketDetail(ticket: ticket, messages: try await messages, events: try await events)
    }

    public func queue(_ filter: QueueFilter, as principal: Principal, after cursor: QueueCursor?) async throws(TicketError) -> QueuePage {
        let limit = max(1, min(filter.limit, 500))
        let firstPage = cursor == nil && filter.status == nil && filter.priority == nil && filter.category == nil && filter.assignee == .anyone
        return try await transaction(as: principal, kind: firstPage ? .prepared : .plain) { c in
            if firstPage {
                // The unfiltered first page: a prepared statement.
                let found =
                    if let user = principal.scopedUser {
                        try await tickets(c, Prepared.RequesterQueue(user: user.description, limit: limit + 1))
                    } else {
                        try await tickets(c, Prepared.StaffQueue(limit: limit + 1))
                    }
                let page = Array(found.prefix(limit))
                return QueuePage(tickets: page, nextCursor: found.count > limit ? page.last?.queueKey.map(QueueCursor.init) : nil)
            }
            var sql = BoundSQL()
            var conditions = [try Self.scope(principal, &sql)]
            if let priority = filter.priority { conditions.append("t.priority = \(try sql.bind(priority.rawValue))") }
            if let category = filter.category { conditions.append("t.category = \(try sql.bind(category.rawValue))") }
            switch filter.assignee {
            case .anyone: break
            case .nobody: conditions.append("t.assignee IS NULL")
            case .named(let name): conditions.append("t.assignee = \(try sql.bind(name))")
            }
            let text: String
            if filter.status == .closed {
                conditions.append("t.status = 'closed'")
                if let cursor {
                    guard cursor.key.rank == QueueCursor.closedRank else { throw QueueCursor.foreign(cursor) }
                    let at = try sql.bind(cursor.key.key)
                    conditions.append("(t.closed_at < \(at) OR (t.closed_at = \(at) AND t.id > \(try sql.bind(cursor.key.id))))")
                }
                text =
                    "\(Self.ticketSelect(publicView: !principal.isStaff)) WHERE \(conditions.joined(separator: " AND ")) "
                    + "ORDER BY t.closed_at DESC, t.id LIMIT \(limit + 1)"
            } else {
                if let cursor, cursor.key.rank == QueueCursor.closedRank { throw QueueCursor.foreign(cursor) }
                if let status = filter.status { conditions.append("t.queue_rank = \(try sql.bind(status == .open ? 0 : 1))") }
                if let cursor {
                    let k = cursor.key
                    conditions.append(
                        "(\(Self.queueOrder)) > (\(try sql.bind(k.rank)), \(try sql.bind(k.key)), \(try sql.bind(k.priorityRank)), "
                            + "\(try sql.bind(k.createdAt)), \(try sql.bind(k.id)))")
                }
                text = Self.queueSQL(conditions, limit: "\(limit + 1)", publicView: !principal.isStaff)
            }
            let found = try await tickets(c, sql.query(text))
            let page = Array(found.prefix(limit))
            let last = found.count > limit ? page.last : nil
            let next = filter.status == .closed ? last.flatMap(QueueCursor.closed) : last?.queueKey.map(QueueCursor.init)
            return QueuePage(tickets: page, nextCursor: next)
        }
    }

    /// The queue's order (SPEC §4): the columns of `QueueKey`, served by the `tickets_queue` index.
    static let queueOrder = "t.queue_rank, t.queue_key, t.priority_rank, t.created_at, t.id"

    /// The queue query: the queued tickets meeting every one of `conditions`, in queue order, at most `limit`.
    static func queueSQL(_ conditions: [String], limit: String, publicView: Bool) -> String {
        "\(ticketSelect(publicView: publicView)) WHERE \((["t.queue_rank IS NOT NULL"] + conditions).joined(separator: " AND ")) ORDER BY \(queueOrder) LIMIT \(limit)"
    }
}
