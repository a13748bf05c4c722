import Foundation

/// What a change does to a ticket, decided once for every store (issue 11): who may make it, when it is refused, the
/// fields it sets and the events it records, as pure functions of the ticket as stored. A store loads the ticket,
/// calls one of these, and writes what comes back; replaying the SLA from the event log, the stats history, the timer
/// and the cancelled pages are its own steps after that. A new ticket's and a reply's notifications come back with it; those that tell
/// the replayed SLA (a close, an acknowledgement) are `Automations`' from the committed ticket.
///
/// Inputs are already validated (`Validation`): these functions decide, they do not parse.
public enum TicketTransitions {
    /// The ticket after the change and the events that record it; no events means nothing changed (nothing to write).
    public struct Change: Sendable, Equatable {
        public var ticket: Ticket
        public var events: [TicketEvent]
        /// The notifications the change causes, written in its transaction (`Automations`): a new ticket's, a reply's.
        public var notifications: [OutboxNotification]

        public init(ticket: Ticket, events: [TicketEvent], notifications: [OutboxNotification] = []) {
            self.ticket = ticket
            self.events = events
            self.notifications = notifications
        }
    }

    /// Users and the service open tickets only for the user they act for; staff for anyone.
    public static func checkMayOpen(_ principal: Principal, for requester: UserID) throws(TicketError) {
        guard AccessRules.mayCreate(principal, for: requester) else {
            throw .forbidden("a \(principal.role.rawValue) may only open tickets for user \(principal.scopedUser!)")
        }
    }

    /// A new ticket (text already validated, `id` free): open, waiting on an agent from `now`, its SLA from the policy
    /// in force; its `created` event, and its notices (the user's confirmation, #admin-tickets, on-call or the senior
    /// team by priority).
    public static func open(
        id: TicketID, requester: UserID, subject: String, description: String, category: Category, priority: Priority,
        requesterName: String?, policy: SLAPolicy, url: String, by principal: Principal, now: Date
    ) throws(TicketError) -> Change {
        try checkMayOpen(principal, for: requester)
        let created = TicketEvent(
            ticketID: id, kind: .created, actor: principal.actorName, at: now, newValue: "\(category.rawValue)/\(priority.rawValue)")
        let ticket = Ticket(
            id: id, userID: requester, subject: subject, description: description, category: category, priority: priority,
            createdAt: now, awaitingAgentSince: now, sla: SLAClock.replay([created.slaEvent!], policy: policy)!,
            requesterName: requesterName)
        return Change(ticket: ticket, events: [created], notifications: Automations.created(ticket, url: url))
    }

    /// Assigns the ticket to an agent, or unassigns it with `nil`. Staff only.
    public static func assign(_ ticket: Ticket, to name: String?, by principal: Principal, now: Date) throws(TicketError) -> Change {
        try staff(ticket, .assign, by: principal, now: now) { ticket in
            guard ticket.assignee != name else { return [] }
            defer { ticket.assignee = name }
            return [(.assigned, ticket.assignee, name)]
        }
    }

    /// A new priority (the store replays the SLA with it). A closed ticket may be re-prioritised (SPEC §3 and §5).
    public static func setPriority(_ ticket: Ticket, _ priority: Priority, by principal: Principal, now: Date) throws(TicketError)
        -> Change
    {
        try staff(ticket, .setPriority, by: principal, now: now) { ticket in
            guard ticket.priority != priority else { return [] }
            defer { ticket.priority = priority }
            return [(.priorityChanged, ticket.priority.rawValue, priority.rawValue)]
        }
    }

    /// A new category (the store replays the SLA with it).
    public static func setCategory(_ ticket: Ticket, _ category: Category, by principal: Principal, now: Date) throws(TicketError)
        -> Change
    {
        try staff(ticket, .setCategory, by: principal, now: now) { ticket in
            guard ticket.category != category else { return [] }
            defer { ticket.category = category }
            return [(.categoryChanged, ticket.category.rawValue, category.rawValue)]
        }
    }

    /// `open` or `waiting` (waiting pauses the SLA clock; open again waits on an agent from now). Closing and
    /// reopening have their own transitions.
    public static func setStatus(_ ticket: Ticket, _ status: TicketStatus, by principal: Principal, now: Date) throws(TicketError)
        -> Change
    {
        guard status != .closed else {
            throw .invalidField(field: "status", message: "use close to close a ticket; status can be set to: open, waiting")
        }
        return try staff(ticket, .setStatus, by: principal, now: now) { ticket throws(TicketError) in
            guard ticket.status != .closed else { throw .conflict("\(ticket.id) is closed; reopen it first") }
            guard ticket.status != status else { return [] }
            defer {
                ticket.status = status
                if status == .open && ticket.awaitingAgentSince == nil { ticket.awaitingAgentSince = now }
            }
            return [(.statusChanged, ticket.status.rawValue, status.rawValue)]
        }
    }

    /// Adds and removes (normalised) tags; the ticket's tags stay sorted. Staff only.
    public static func tag(_ ticket: Ticket, add: [String], remove: [String], by principal: Principal, now: Date) throws(TicketError)
        -> Change
    {
        try staff(ticket, .tag, by: principal, now: now) { ticket in
            var changes: [(EventKind, String?, String?)] = []
            for tag in Set(add).sorted() where !ticket.tags.contains(tag) {
                ticket.tags.append(tag)
                changes.append((.tagged, nil, tag))
            }
            for tag in Set(remove).sorted() where ticket.tags.contains(tag) {
                ticket.tags.removeAll { $0 == tag }
                changes.append((.tagged, tag, nil))
            }
            ticket.tags.sort()
            return changes
        }
    }

    /// Escalates by hand (the automation runner does it on a breach): pages start again for this cycle. Staff only.
    public static func escalate(_ ticket: Ticket, by principal: Principal, now: Date) throws(TicketError) -> Change {
        try staff(ticket, .escalate, by: principal, now: now) { ticket in
            guard !ticket.escalated else { return [] }
            ticket.escalated = true
            ticket.acknowledgedAt = nil
            return [(.escalated, nil, "c\(ticket.sla.cycle)")]
        }
    }

    /// On-call has seen the escalation: no more pages this cycle. Again is harmless; a ticket that is not escalated is
    /// a conflict. Staff only.
    public static func acknowledge(_ ticket: Ticket, by principal: Principal, now: Date) throws(TicketError) -> Change {
        try AccessRules.require(principal, .acknowledge, ownerOf: ticket.userID, ticket: ticket.id)
        guard ticket.escalated else { throw .conflict("\(ticket.id) is not escalated") }
        guard ticket.acknowledgedAt == nil else { return Change(ticket: ticket, events: []) }
        var ticket = ticket
        ticket.acknowledgedAt = now
        let event = TicketEvent(ticketID: ticket.id, kind: .acknowledged, actor: principal.actorName, at: now, newValue: "c\(ticket.sla.cycle)")
        return Change(ticket: ticket, events: [event])
    }

    /// Reopens a closed ticket: open again, waiting on an agent from now, a new SLA cycle (the store replays it) whose
    /// escalation starts afresh.
    public static func reopen(_ ticket: Ticket, by principal: Principal, now: Date) throws(TicketError) -> Change {
        try AccessRules.require(principal, .reopen, ownerOf: ticket.userID, ticket: ticket.id)
        guard ticket.status == .closed else { throw .conflict("\(ticket.id) is not closed") }
        var ticket = ticket
        ticket.status = .open
        ticket.closedAt = nil
        ticket.resolution = nil
        ticket.awaitingAgentSince = now
        startCycle(&ticket)
        let event = TicketEvent(ticketID: ticket.id, kind: .reopened, actor: principal.actorName, at: now, oldValue: "closed", newValue: "open")
        return Change(ticket: ticket, events: [event])
    }

    /// The requester rates their closed ticket (rating again replaces it).
    public static func rate(_ ticket: Ticket, rating: Int, comment: String?, by principal: Principal, now: Date) throws(TicketError)
        -> Change
    {
        try AccessRules.require(principal, .rate, ownerOf: ticket.userID, ticket: ticket.id)
        guard ticket.status == .closed else { throw .conflict("\(ticket.id) can be rated once it is closed") }
        var ticket = ticket
        ticket.satisfaction = Satisfaction(rating: rating, comment: comment, ratedAt: now)
        let event = TicketEvent(ticketID: ticket.id, kind: .rated, actor: principal.actorName, at: now, newValue: String(rating))
        return Change(ticket: ticket, events: [event])
    }

    /// Closes with an optional (validated) resolution: staff may close any ticket, the requester their own; closing a
    /// closed ticket is a conflict. (Its notices, `Automations.closed`, tell the SLA's outcome: the store writes them
    /// once the SLA is replayed with the close.)
    public static func close(_ ticket: Ticket, resolution: String?, by principal: Principal, now: Date) throws(TicketError) -> Change {
        try AccessRules.require(principal, .close, ownerOf: ticket.userID, ticket: ticket.id)
        guard ticket.status != .closed else { throw .conflict("\(ticket.id) is already closed") }
        return closing(ticket, resolution: resolution, actor: principal.actorName, now: now)
    }

    /// What closing does to the ticket, whoever decided it (an agent, the requester, the runner for inactivity).
    public static func closing(_ ticket: Ticket, resolution: String?, actor: String, now: Date) -> Change {
        var ticket = ticket
        ticket.status = .closed
        ticket.closedAt = now
        ticket.resolution = resolution
        ticket.awaitingAgentSince = nil
        return Change(ticket: ticket, events: [TicketEvent(ticketID: ticket.id, kind: .closed, actor: actor, at: now, newValue: resolution)])
    }

    /// Who writes a message as `principal`: an agent for staff, the user otherwise. Internal notes are for staff only.
    public static func author(_ principal: Principal, internal isInternal: Bool) throws(TicketError) -> AuthorKind {
        if isInternal { try AccessRules.require(principal, .addInternalNote) }
        return principal.isStaff ? .agent : .user
    }

    /// What a message (already stored, with its id) does to its ticket. A public message to a closed ticket reopens
    /// it (a new cycle). A public agent reply answers the user: first response, no longer awaiting an agent, status
    /// `waiting` (the clock pauses) unless `keepOpen`, and the reply relayed to the user. A user's message waits on an
    /// agent again and puts a waiting ticket back to `open`. An internal note changes nothing but its event.
    public static func reply(
        _ ticket: Ticket, message: Message, keepOpen: Bool, url: String, by principal: Principal, now: Date
    ) -> Change {
        var ticket = ticket
        var events: [TicketEvent] = []
        func event(_ kind: EventKind, old: String? = nil, new: String? = nil) {
            events.append(TicketEvent(ticketID: ticket.id, kind: kind, actor: principal.actorName, at: now, oldValue: old, newValue: new))
        }
        if !message.isInternal && ticket.status == .closed {
            event(.reopened, old: "closed", new: "open")
            ticket.status = .open
            ticket.closedAt = nil
            ticket.resolution = nil
            startCycle(&ticket)
        }
        event(message.isInternal ? .noteAdded : .replied, new: String(message.id))
        var notifications: [OutboxNotification] = []
        if !message.isInternal {
            if principal.isStaff {
                if ticket.firstResponseAt == nil { ticket.firstResponseAt = now }
                ticket.awaitingAgentSince = nil
                if !keepOpen && ticket.status == .open {
                    event(.statusChanged, old: "open", new: "waiting")
                    ticket.status = .waiting
                }
                notifications = Automations.agentReplied(
                    ticket, messageID: message.id, body: message.body, agent: principal.actorName, url: url)
            } else {
                if ticket.awaitingAgentSince == nil { ticket.awaitingAgentSince = now }
                if ticket.status == .waiting {
                    event(.statusChanged, old: "waiting", new: "open")
                    ticket.status = .open
                }
            }
        }
        return Change(ticket: ticket, events: events, notifications: notifications)
    }

    /// A new SLA cycle (a reopen): the last cycle's escalation no longer applies.
    public static func startCycle(_ ticket: inout Ticket) {
        ticket.escalated = false
        ticket.acknowledgedAt = nil
    }

    /// A staff-only change: check, let `edit` change the ticket and name its events (kind, old value, new value).
    static func staff(
        _ ticket: Ticket, _ action: TicketAction, by principal: Principal, now: Date,
        _ edit: (inout Ticket) throws(TicketError) -> [(EventKind, String?, String?)]
    ) throws(TicketError) -> Change {
        try AccessRules.require(principal, action, ownerOf: ticket.userID, ticket: ticket.id)
        var ticket = ticket
        let events = try edit(&ticket).map { kind, old, new in
            TicketEvent(ticketID: ticket.id, kind: kind, actor: principal.actorName, at: now, oldValue: old, newValue: new)
        }
        return Change(ticket: ticket, events: events)
    }
}
