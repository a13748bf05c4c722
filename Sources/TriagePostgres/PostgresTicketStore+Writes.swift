import Foundation
import PostgresNIO
import TriageCore

extension PostgresTicketStore {
    // MARK: Writes: each one transaction that locks the ticket, records what Core decided, replays the SLA and saves

    public func create(_ new: NewTicket, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        let new = try new.checked(as: principal)
        return try await transaction(as: principal) { c in try await insertTicket(c, new, as: principal, now: now) }
    }

    /// Opens a checked ticket in the caller's transaction.
    func insertTicket(_ c: PostgresConnection, _ new: NewTicket, as principal: Principal, now: Date) async throws -> Ticket {
        let requesterName = try await recordRequesterName(c, new.requesterName, of: new.requester, now: now)
        let policy = try await currentPolicy(c)
        var generator = SystemRandomNumberGenerator()
        while true {
            // Under row-level security a requester cannot see whether another user's ticket holds an id: the
            // insert itself tells, by inserting nothing.
            let id = TicketID.random(using: &generator)
            let change = try TicketTransitions.open(
                id: id, requester: new.requester, subject: new.subject, description: new.description, category: new.category,
                priority: new.priority, requesterName: requesterName, policy: policy, url: url(id), by: principal, now: now)
            guard try await insertTicket(c, change.ticket) else { continue }
            try await insertEvents(c, change.events, owner: change.ticket.userID)
            try await enqueue(c, change.notifications, now: now)
            try await armTimer(c, change.ticket, policy: policy, now: now, isNew: true)
            return change.ticket
        }
    }

    public func reply(_ id: String, body: String, internal isInternal: Bool, keepOpen: Bool, as principal: Principal, now: Date)
        async throws(TicketError) -> Message
    {
        let text = try TicketInput.message(body)
        return try await transaction(as: principal) { c in
            try await insertReply(c, id, text: text, internal: isInternal, keepOpen: keepOpen, as: principal, now: now)
        }
    }

    /// Adds a checked message in the caller's transaction; the message as `principal` sees it.
    func insertReply(
        _ c: PostgresConnection, _ id: String, text: String, internal isInternal: Bool, keepOpen: Bool, as principal: Principal, now: Date
    ) async throws -> Message {
        let ticket = try await visibleTicket(c, id, as: principal, forWriting: true)
        let authorKind = try TicketTransitions.author(principal, internal: isInternal)
        let rows = try await c.query(
            """
            INSERT INTO triage.messages (ticket_id, user_id, author_kind, author, body, internal, created_at)
            VALUES (\(ticket.id.rawValue), \(ticket.userID.description), \(authorKind.rawValue), \(principal.actorName), \(text),
                    \(isInternal), \(now.timeIntervalSince1970))
            RETURNING id
            """, logger: logger)
        var messageID: Int64 = 0
        for try await id in rows.decode(Int64.self) { messageID = id }
        let message = Message(
            id: messageID, ticketID: ticket.id, authorKind: authorKind, author: principal.actorName, body: text, isInternal: isInternal,
            createdAt: now)
        var change = TicketTransitions.reply(ticket, message: message, keepOpen: keepOpen, url: url(ticket.id), by: principal, now: now)
        try await enqueue(c, change.notifications, now: now)
        try await commit(c, &change.ticket, events: change.events, now: now)
        return try await visibleMessage(c, message, as: principal)
    }

    public func close(_ id: String, resolution: String?, notifyUser: Bool, as principal: Principal, now: Date) async throws(TicketError)
        -> Ticket
    {
        let resolution = try TicketInput.resolution(resolution)
        // The pending SLA notices of a ticket that closes are cancelled by the database (a trigger: a requester who
        // closes may not touch the outbox).
        return try await change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.close(ticket, resolution: resolution, by: principal, now: now)
        } then: { c, ticket in
            try await self.enqueue(c, Automations.closed(ticket, notifyUser: notifyUser, agent: principal.actorName, url: self.url(ticket.id)), now: now)
        }
    }

    public func reopen(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await change(id, as: principal, now: now) { ticket throws(TicketError) in try TicketTransitions.reopen(ticket, by: principal, now: now) }
    }

    public func assign(_ id: String, to assignee: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        let name = try TicketInput.assignee(assignee)
        return try await change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.assign(ticket, to: name, by: principal, now: now)
        }
    }

    public func setPriority(_ id: String, _ priority: Priority, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.setPriority(ticket, priority, by: principal, now: now)
        }
    }

    public func setCategory(_ id: String, _ category: Category, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.setCategory(ticket, category, by: principal, now: now)
        }
    }

    public func setStatus(_ id: String, _ status: TicketStatus, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.setStatus(ticket, status, by: principal, now: now)
        }
    }

    public func tag(_ id: String, add: [String], remove: [String], as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        let (added, removed) = (try TicketInput.tags(add), try TicketInput.tags(remove))
        return try await change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.tag(ticket, add: added, remove: removed, by: principal, now: now)
        }
    }

    public func escalate(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await change(id, as: principal, now: now) { ticket throws(TicketError) in try TicketTransitions.escalate(ticket, by: principal, now: now) }
    }

    public func acknowledge(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try await change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.acknowledge(ticket, by: principal, now: now)
        } then: { c, ticket in
            try await c.query(
                """
                UPDATE triage.outbox SET status = 'cancelled', last_error = \("acknowledged by \(principal.actorName)")
                WHERE ticket_id = \(ticket.id.rawValue) AND status = 'pending'
                  AND kind = ANY(\([Notice.Kind.slaBreached, .page].map(\.rawValue))) AND target = \(NotificationTarget.oncall.rawValue)
                """, logger: self.logger)
            try await self.enqueue(c, Automations.acknowledged(ticket, by: principal.actorName, url: self.url(ticket.id)), now: now)
        }
    }

    public func rate(_ id: String, rating: Int, comment: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        let rating = try Validation.rating(rating)
        let comment = try TicketInput.comment(comment)
        return try await change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.rate(ticket, rating: rating, comment: comment, by: principal, now: now)
        } then: { c, ticket in
            try await c.query(
                """
                INSERT INTO triage.ratings (ticket_id, user_id, rating, comment, rated_at)
                VALUES (\(ticket.id.rawValue), \(ticket.userID.description), \(rating), \(comment), \(now.timeIntervalSince1970))
                ON CONFLICT (ticket_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, rated_at = excluded.rated_at
                """, logger: self.logger)
        }
    }

    // MARK: Shared write steps

    /// A change decided in Core (`TicketTransitions`): lock the ticket the principal may see, let `decide` change it,
    /// and when it recorded events, save its tags if they moved, commit it, then run `then` (the change's own rows and
    /// notifications), all in one transaction.
    func change(
        _ id: String, as principal: Principal, now: Date, _ decide: (Ticket) throws(TicketError) -> TicketTransitions.Change,
        then: (PostgresConnection, Ticket) async throws -> Void = { _, _ in }
    ) async throws(TicketError) -> Ticket {
        try await transaction(as: principal) { c in
            let stored = try await visibleTicket(c, id, as: principal, forWriting: true)
            var change = try decide(stored)
            guard !change.events.isEmpty else { return try await publicView(c, [change.ticket], as: principal)[0] }
            if change.ticket.tags != stored.tags {
                try await c.query("DELETE FROM triage.tags WHERE ticket_id = \(stored.id.rawValue)", logger: logger)
                for tag in change.ticket.tags {
                    try await c.query(
                        "INSERT INTO triage.tags (ticket_id, user_id, tag) VALUES (\(stored.id.rawValue), \(stored.userID.description), \(tag))",
                        logger: logger)
                }
            }
            try await commit(c, &change.ticket, events: change.events, now: now)
            try await then(c, change.ticket)
            // What a requester's write answers is what they would read: no tags, their updated_at.
            return try await publicView(c, [change.ticket], as: principal)[0]
        }
    }

    /// Records `events`, replays the ticket's SLA from its whole event log, saves its row and arms its timer. (The
    /// day counts, the history and the change feed follow from the row, in the database's triggers.)
    func commit(_ c: PostgresConnection, _ ticket: inout Ticket, events: [TicketEvent], now: Date) async throws {
        try await insertEvents(c, events, owner: ticket.userID)
        let policy = try await currentPolicy(c)
        let log = try await self.events(c, of: ticket.id, kinds: EventKind.slaKinds)
        if let sla = SLAClock.replay(log.compactMap(\.slaEvent), policy: policy) { ticket.sla = sla }
        ticket.updatedAt = now
        try await save(c, ticket)
        try await armTimer(c, ticket, policy: policy, now: now)
    }

    /// Writes the ticket's row as it is.
    func save(_ c: PostgresConnection, _ ticket: Ticket) async throws {
        var sql = BoundSQL()
        var assignments: [String] = []
        for (name, value) in TicketColumns.values(ticket).dropFirst() { assignments.append("\(name) = \(try Self.bind(value, &sql))") }
        let id = try sql.bind(ticket.id.rawValue)
        try await c.query(sql.query("UPDATE triage.tickets SET \(assignments.joined(separator: ", ")) WHERE id = \(id)"), logger: logger)
    }

    /// Inserts a new ticket's row; false when its id is taken (by anyone: the check ignores row visibility).
    func insertTicket(_ c: PostgresConnection, _ ticket: Ticket) async throws -> Bool {
        var sql = BoundSQL()
        var placeholders: [String] = []
        for (_, value) in TicketColumns.values(ticket) { placeholders.append(try Self.bind(value, &sql)) }
        let rows = try await c.query(
            sql.query(
                "INSERT INTO triage.tickets (\(TicketColumns.names.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", "))) "
                    + "ON CONFLICT (id) DO NOTHING RETURNING id"), logger: logger)
        var inserted = false
        for try await _ in rows { inserted = true }
        return inserted
    }

    static func bind(_ value: ColumnValue, _ sql: inout BoundSQL) throws -> String {
        switch value {
        case .text(let text): try sql.bind(text)
        case .integer(let number): try sql.bind(number)
        case .real(let number): try sql.bind(number)
        case .bool(let flag): try sql.bind(flag)
        case .null: "NULL"
        }
    }

    func insertEvents(_ c: PostgresConnection, _ events: [TicketEvent], owner: UserID) async throws {
        try await sendAll(
            c,
            events.map { e in
                """
                INSERT INTO triage.events (ticket_id, user_id, kind, actor, at, old_value, new_value)
                VALUES (\(e.ticketID.rawValue), \(owner.description), \(e.kind.rawValue), \(e.actor), \(e.at.timeIntervalSince1970),
                        \(e.oldValue), \(e.newValue))
                """
            })
    }

    /// Sends `statements` one behind the other without waiting between them (the connection runs them in order, in
    /// the caller's transaction), then waits for every answer: one round trip for all. The first failure is thrown
    /// (after it, PostgreSQL refuses the rest of the transaction).
    func sendAll(_ c: PostgresConnection, _ statements: [PostgresQuery]) async throws {
        let sent: [EventLoopFuture<PostgresQueryResult>] = statements.map { c.query($0, logger: logger) }
        var failure: (any Error)?
        for answer in sent {
            if let error = await Self.failure(of: answer), failure == nil { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes notifications in the caller's transaction; a (cause, target) already written is skipped. (No arbiter:
    /// `ON CONFLICT … DO NOTHING` with one would need a requester to read the outbox.)
    func enqueue(_ c: PostgresConnection, _ notifications: [OutboxNotification], now: Date) async throws {
        let at = now.timeIntervalSince1970
        try await sendAll(
            c,
            try OutboxNotification.payloads(notifications).map { n, payload in
                """
                INSERT INTO triage.outbox (dedupe_key, ticket_id, target, cause, kind, payload, created_at, next_attempt_at, expires_at)
                VALUES (\(n.dedupeKey), \(n.ticketID?.rawValue), \(n.target.rawValue), \(n.cause), \(n.notice.kind.rawValue), \(payload),
                        \(at), \(at), \(n.target.lifetime.map { at + $0 }))
                ON CONFLICT DO NOTHING
                """
            })
    }

    /// The ticket's next automation instant (`SLATimers`), or none.
    func armTimer(_ c: PostgresConnection, _ ticket: Ticket, policy: SLAPolicy, now: Date, isNew: Bool = false) async throws {
        let next: Date?
        switch ticket.status {
        case .closed: next = nil
        case .waiting: next = now
        case .open:
            let facts = isNew ? SLAFacts() : try await self.facts(c, ticket)
            next = SLATimers.nextInstant(
                status: ticket.status, sla: ticket.sla, acknowledged: ticket.acknowledgedAt != nil, facts: facts, policy: policy,
                inactivity: .default)
        }
        if let next {
            try await c.query(
                """
                INSERT INTO triage.sla_timers (ticket_id, user_id, due_at) VALUES (\(ticket.id.rawValue), \(ticket.userID.description), \(next.timeIntervalSince1970))
                ON CONFLICT (ticket_id) DO UPDATE SET due_at = excluded.due_at
                """, logger: logger)
        } else if !isNew {
            try await c.query("DELETE FROM triage.sla_timers WHERE ticket_id = \(ticket.id.rawValue)", logger: logger)
        }
    }

    /// The facts recorded for the ticket's current cycle (and its current wait on the user).
    func facts(_ c: PostgresConnection, _ ticket: Ticket) async throws -> SLAFacts {
        let rows = try await c.query(
            "SELECT kind, n FROM triage.sla_facts WHERE ticket_id = \(ticket.id.rawValue) AND cycle = \(ticket.sla.cycle)", logger: logger)
        var recorded: [(kind: String, n: Int)] = []
        for try await (kind, n) in rows.decode((String, Int).self) { recorded.append((kind, n)) }
        return SLAFacts(recorded: recorded, pausedAt: ticket.sla.pausedAt)
    }

    /// Records the requester's display name when it is newer than the stored one; the name in force.
    func recordRequesterName(_ c: PostgresConnection, _ name: String?, of user: UserID, now: Date) async throws -> String? {
        var stored: (name: String, at: Double)?
        for try await (storedName, at) in try await c.query(
            "SELECT name, updated_at FROM triage.requesters WHERE user_id = \(user.description)", logger: logger
        ).decode((String, Double).self) {
            stored = (storedName, at)
        }
        guard let name else { return stored?.name }
        if let stored, stored.at > now.timeIntervalSince1970 { return stored.name }
        try await c.query(
            """
            INSERT INTO triage.requesters (user_id, name, updated_at) VALUES (\(user.description), \(name), \(now.timeIntervalSince1970))
            ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
            """, logger: logger)
        if let stored, stored.name != name {
            // The user's tickets show the new name: consoles reload them.
            try await c.query("UPDATE triage.tickets SET user_id = user_id WHERE user_id = \(user.description)", logger: logger)
        }
        return name
    }

    /// `message` (just written) as `principal` sees it: numbered in its ticket's public thread for a requester.
    func visibleMessage(_ c: PostgresConnection, _ message: Message, as principal: Principal) async throws -> Message {
        guard !AccessRules.mayReadInternalNotes(principal) else { return message }
        var message = message
        let rows = try await c.query(
            """
            SELECT count(*)::int8 FROM triage.messages WHERE ticket_id = \(message.ticketID.rawValue) AND NOT internal
              AND (created_at, id) <= (\(message.createdAt.timeIntervalSince1970), \(message.id))
            """, logger: logger)
        for try await number in rows.decode(Int64.self) { message.id = number }
        return message
    }
}
