import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Writes — each one transaction that keeps ticket, events, SLA columns and outbox consistent

    /// Opens a ticket for `new.requester`. Users and the service may only open tickets for the user they act for.
    @discardableResult
    public func create(_ new: NewTicket, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        let new = try new.checked(as: principal)
        return try writing { db in try self.insertTicket(db, new, as: principal, now: now) }
    }

    /// Inserts a checked new ticket (`TicketTransitions.open`) with its `created` event, the day's count and its
    /// notifications, and records the requester's name if it brings one.
    func insertTicket(_ db: Database, _ new: NewTicket, as principal: Principal, now: Date) throws -> Ticket {
        let requesterName = try Self.recordRequesterName(db, new.requesterName, of: new.requester, now: now)
        var generator = SystemRandomNumberGenerator()
        var id = TicketID.random(using: &generator)
        while try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM tickets WHERE id = ?"), arguments: [id.rawValue]) == true {
            id = TicketID.random(using: &generator)
        }
        let policy = try currentPolicy(db)
        let change = try TicketTransitions.open(
            id: id, requester: new.requester, subject: new.subject, description: new.description, category: new.category,
            priority: new.priority, requesterName: requesterName, policy: policy, url: url(id), by: principal, now: now)
        let ticket = change.ticket
        try TicketRow.insert(db, ticket)
        for event in change.events { try EventRow.insert(db, event) }
        try Self.recordHistory(db, ticket, isNew: true, now: now)
        try Self.enqueue(db, change.notifications, now: now)
        try Self.armTimer(db, ticket, policy: policy, now: now, isNew: true)
        return ticket
    }

    /// Adds a message to the thread. A public agent reply answers the user (status `waiting`, clock paused, unless
    /// `keepOpen`); a user reply puts the ticket back to `open`. A public reply to a closed ticket reopens it.
    /// Internal notes are for staff only and change nothing else.
    @discardableResult
    public func reply(
        _ id: String, body: String, internal isInternal: Bool = false, keepOpen: Bool = false, as principal: Principal, now: Date
    )
        throws(TicketError) -> Message
    {
        let text = try TicketInput.message(body)
        return try writing { db in
            try Self.visibleMessage(
                db, try insertReply(db, id, text: text, internal: isInternal, keepOpen: keepOpen, as: principal, now: now), as: principal)
        }
    }

    /// The reply itself, in the caller's transaction, with `text` already checked: the message, then what it does to
    /// the ticket (`TicketTransitions.reply`).
    func insertReply(
        _ db: Database, _ id: String, text: String, internal isInternal: Bool, keepOpen: Bool, as principal: Principal, now: Date
    ) throws -> Message {
        let ticket = try Self.visibleTicket(db, id, as: principal, forWriting: true)
        let authorKind = try TicketTransitions.author(principal, internal: isInternal)
        try db.execute(
            sql: "INSERT INTO messages (ticket_id, author_kind, author, body, internal, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [ticket.id.rawValue, authorKind.rawValue, principal.actorName, text, isInternal, now.timeIntervalSince1970])
        let message = Message(
            id: db.lastInsertedRowID, ticketID: ticket.id, authorKind: authorKind, author: principal.actorName, body: text,
            isInternal: isInternal, createdAt: now)
        var change = TicketTransitions.reply(ticket, message: message, keepOpen: keepOpen, url: url(ticket.id), by: principal, now: now)
        try Self.enqueue(db, change.notifications, now: now)
        try self.commit(db, &change.ticket, events: change.events, now: now)
        return message
    }

    /// Closes a ticket with an optional resolution; asks the user for feedback unless `notifyUser` is false.
    /// Staff may close any ticket, a user their own; closing a closed ticket is a conflict.
    @discardableResult
    public func close(_ id: String, resolution: String?, notifyUser: Bool = true, as principal: Principal, now: Date) throws(TicketError)
        -> Ticket
    {
        let resolution = try TicketInput.resolution(resolution)
        return try change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.close(ticket, resolution: resolution, by: principal, now: now)
        } then: { db, ticket in
            try Self.cancelPending(db, ticket.id, kinds: Self.slaNoticeKinds, reason: "the ticket was closed")
            try Self.enqueue(
                db, Automations.closed(ticket, notifyUser: notifyUser, agent: principal.actorName, url: self.url(ticket.id)), now: now)
        }
    }

    /// The runner's close (inactivity), in its transaction: status, event, history, and the SLA notices that no
    /// longer apply.
    func closeTicket(_ db: Database, _ ticket: inout Ticket, resolution: String?, as principal: Principal, now: Date) throws {
        var change = TicketTransitions.closing(ticket, resolution: resolution, actor: principal.actorName, now: now)
        try self.commit(db, &change.ticket, events: change.events, now: now)
        ticket = change.ticket
        try Self.cancelPending(db, ticket.id, kinds: Self.slaNoticeKinds, reason: "the ticket was closed")
    }

    /// Reopens a closed ticket: a new SLA cycle with a fresh budget from now.
    @discardableResult
    public func reopen(_ id: String, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        try change(id, as: principal, now: now) { ticket throws(TicketError) in try TicketTransitions.reopen(ticket, by: principal, now: now) }
    }

    /// Assigns a ticket to an agent, or unassigns it with `nil`. Staff only.
    @discardableResult
    public func assign(_ id: String, to assignee: String?, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        let name = try TicketInput.assignee(assignee)
        return try change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.assign(ticket, to: name, by: principal, now: now)
        }
    }

    /// Changes the priority; the SLA budget and due time are recomputed from the event log, paused time kept. A
    /// closed ticket may be re-prioritised here (SPEC §3 and §5 allow a later re-prioritisation; the week's stats keep
    /// what was true then): the console refuses it, the CLI and the API do not.
    @discardableResult
    public func setPriority(_ id: String, _ priority: Priority, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        try change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.setPriority(ticket, priority, by: principal, now: now)
        }
    }

    /// Changes the category; the SLA is recomputed from the event log like a priority change.
    @discardableResult
    public func setCategory(_ id: String, _ category: Category, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        try change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.setCategory(ticket, category, by: principal, now: now)
        }
    }

    /// Sets `open` or `waiting` (waiting pauses the SLA clock). Closing goes through `close`, reopening through
    /// `reopen`.
    @discardableResult
    public func setStatus(_ id: String, _ status: TicketStatus, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        try change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.setStatus(ticket, status, by: principal, now: now)
        }
    }

    /// Adds and removes tags (normalised to lower case). Staff only.
    @discardableResult
    public func tag(_ id: String, add: [String] = [], remove: [String] = [], as principal: Principal, now: Date) throws(TicketError)
        -> Ticket
    {
        let (added, removed) = (try TicketInput.tags(add), try TicketInput.tags(remove))
        return try change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.tag(ticket, add: added, remove: removed, by: principal, now: now)
        }
    }

    /// Escalates a ticket by hand (the automation runner does it on breach). Staff only.
    @discardableResult
    public func escalate(_ id: String, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        try change(id, as: principal, now: now) { ticket throws(TicketError) in try TicketTransitions.escalate(ticket, by: principal, now: now) }
    }

    /// Acknowledges an escalation (on-call has seen the page): no more pages this cycle, the pending ones are
    /// cancelled and the on-call channel hears who acknowledged — all in one transaction. Acknowledging again is
    /// harmless; a ticket that is not escalated is a conflict.
    @discardableResult
    public func acknowledge(_ id: String, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        try change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.acknowledge(ticket, by: principal, now: now)
        } then: { db, ticket in
            try Self.cancelPending(db, ticket.id, kinds: [.slaBreached, .page], targets: [.oncall], reason: "acknowledged by \(principal.actorName)")
            try Self.enqueue(db, Automations.acknowledged(ticket, by: principal.actorName, url: self.url(ticket.id)), now: now)
        }
    }

    /// The requester rates a closed ticket, 1 to 5 stars with an optional comment; rating again replaces it.
    @discardableResult
    public func rate(_ id: String, rating: Int, comment: String?, as principal: Principal, now: Date) throws(TicketError) -> Ticket {
        let rating = try Validation.rating(rating)
        let comment = try TicketInput.comment(comment)
        return try change(id, as: principal, now: now) { ticket throws(TicketError) in
            try TicketTransitions.rate(ticket, rating: rating, comment: comment, by: principal, now: now)
        } then: { db, ticket in
            try db.execute(
                sql: """
                    INSERT INTO ratings (ticket_id, rating, comment, rated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (ticket_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, rated_at = excluded.rated_at
                    """,
                arguments: [ticket.id.rawValue, rating, comment, now.timeIntervalSince1970])
        }
    }

    // MARK: Shared write steps

    /// A change decided in Core (`TicketTransitions`): load the ticket the principal may see, let `decide` change it,
    /// and when it recorded events, save its tags if they moved, commit it, then run `then` (the change's own rows and
    /// notifications) in the same transaction.
    private func change(
        _ id: String, as principal: Principal, now: Date,
        _ decide: (Ticket) throws(TicketError) -> TicketTransitions.Change,
        then: (Database, Ticket) throws -> Void = { _, _ in }
    ) throws(TicketError) -> Ticket {
        try writing { db in
            let stored = try Self.visibleTicket(db, id, as: principal, forWriting: true)
            var change = try decide(stored)
            guard !change.events.isEmpty else { return try Self.publicView(db, [change.ticket], as: principal)[0] }
            if change.ticket.tags != stored.tags {
                try db.execute(sql: "DELETE FROM tags WHERE ticket_id = ?", arguments: [stored.id.rawValue])
                for tag in change.ticket.tags {
                    try db.execute(sql: "INSERT INTO tags (ticket_id, tag) VALUES (?, ?)", arguments: [stored.id.rawValue, tag])
                }
            }
            try self.commit(db, &change.ticket, events: change.events, now: now)
            try then(db, change.ticket)
            // What a requester's write answers is what they would read: no tags, their updated_at.
            return try Self.publicView(db, [change.ticket], as: principal)[0]
        }
    }

    /// Records `events`, replays the ticket's SLA from its whole event log, and saves the ticket's row.
    func commit(_ db: Database, _ ticket: inout Ticket, events: [TicketEvent], now: Date) throws {
        for event in events { try EventRow.insert(db, event) }
        let policy = try currentPolicy(db)
        try Self.replaySLA(db, &ticket, policy: policy)
        ticket.updatedAt = now
        try Self.recordHistory(db, ticket, events: events, now: now)
        try TicketRow.update(db, ticket)
        try Self.armTimer(db, ticket, policy: policy, now: now)
    }

    /// Replays the ticket's SLA from its whole event log under `policy`.
    static func replaySLA(_ db: Database, _ ticket: inout Ticket, policy: SLAPolicy) throws {
        let log = try EventRow.fetch(db, of: ticket.id, kinds: EventKind.slaKinds)
        if let sla = SLAClock.replay(log.compactMap(\.slaEvent), policy: policy) { ticket.sla = sla }
    }

    func url(_ id: TicketID) -> String { TicketURL.make(base: baseURL, id: id) }

    static func day(_ date: Date) -> Int { WeekQuery.day(date) }
}
