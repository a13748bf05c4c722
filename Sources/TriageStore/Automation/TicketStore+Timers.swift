import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: SLA timers — level-triggered from the store, each fact a unique row written with its notifications

    /// The principal the automations act as.
    public static let automationActor = Automations.actor

    /// Sets when `ticket` next needs the runner, in the caller's transaction: an open ticket at its next warning,
    /// breach or page; a waiting one now (the runner knows the inactivity rule and re-arms it); a closed one never.
    /// `isNew`: the ticket was created in this transaction, so it has no facts yet (none to read).
    static func armTimer(_ db: Database, _ ticket: Ticket, policy: SLAPolicy, now: Date, isNew: Bool = false) throws {
        switch ticket.status {
        case .closed:
            try db.cachedStatement(sql: "DELETE FROM sla_timers WHERE ticket_id = ?").execute(arguments: [ticket.id.rawValue])
        case .waiting:
            try setTimer(db, ticket.id, at: now)
        case .open:
            let facts = isNew ? SLAFacts() : try Self.facts(db, ticket)
            let next = SLATimers.nextInstant(
                status: ticket.status, sla: ticket.sla, acknowledged: ticket.acknowledgedAt != nil, facts: facts, policy: policy,
                inactivity: .default)
            if let next { try setTimer(db, ticket.id, at: next) } else {
                try db.cachedStatement(sql: "DELETE FROM sla_timers WHERE ticket_id = ?").execute(arguments: [ticket.id.rawValue])
            }
        }
    }

    static func setTimer(_ db: Database, _ id: TicketID, at: Date) throws {
        try db.cachedStatement(
            sql: "INSERT INTO sla_timers (ticket_id, due_at) VALUES (?, ?) ON CONFLICT (ticket_id) DO UPDATE SET due_at = excluded.due_at"
        ).execute(arguments: [id.rawValue, at.timeIntervalSince1970])
    }

    /// The facts recorded for the ticket's current cycle (and its current wait on the user).
    static func facts(_ db: Database, _ ticket: Ticket) throws -> SLAFacts {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT kind, n FROM sla_facts WHERE ticket_id = ? AND cycle = ?"),
            arguments: [ticket.id.rawValue, ticket.sla.cycle])
        return SLAFacts(recorded: rows.map { (kind: $0["kind"], n: $0["n"]) }, pausedAt: ticket.sla.pausedAt)
    }

    /// Records a fact; `false` when it was already there (another runner, or an earlier pass, recorded it).
    static func insertFact(_ db: Database, _ ticket: Ticket, _ fact: SLAFact, now: Date) throws -> Bool {
        try db.cachedStatement(
            sql: "INSERT INTO sla_facts (ticket_id, cycle, kind, n, at, late) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
        ).execute(arguments: [ticket.id.rawValue, ticket.sla.cycle, fact.kind, fact.n, now.timeIntervalSince1970, fact.late])
        return db.changesCount == 1
    }

    /// Tickets written in bulk (the seeder) get what every write gives one ticket: a timer to look at now, and the
    /// fire-once facts their history already implies — past the warning, past the breach, the pages up to now — so
    /// that the first runner on a seeded store does not page its whole backlog at once.
    static func adoptBulkTickets(_ db: Database, policy: SLAPolicy, now: Date) throws {
        let t = now.timeIntervalSince1970
        let lead = "CASE priority_rank " + Priority.allCases.map { "WHEN \($0.rank) THEN \(policy.warningLead(for: $0))" }.joined(separator: " ")
            + " ELSE 0 END"
        let repeatSeconds = max(60, policy.escalationRepeatHours * 3600)
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO sla_facts (ticket_id, cycle, kind, n, at)
                SELECT id, cycle, 'warning', 0, due_at - (\(lead)) FROM tickets WHERE status = 'open' AND due_at - (\(lead)) <= ?
                """, arguments: [t])
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO sla_facts (ticket_id, cycle, kind, n, at)
                SELECT id, cycle, 'breach', 0, due_at FROM tickets WHERE status = 'open' AND due_at <= ?
                """, arguments: [t])
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO sla_facts (ticket_id, cycle, kind, n, at)
                SELECT id, cycle, 'page', 1 + CAST((? - due_at) / ? AS INTEGER), due_at FROM tickets
                WHERE status = 'open' AND due_at <= ?
                """, arguments: [t, repeatSeconds, t])
        try db.execute(
            sql: "INSERT OR REPLACE INTO sla_timers (ticket_id, due_at) SELECT id, ? FROM tickets WHERE status != 'closed'",
            arguments: [t])
    }

    /// When the earliest timer falls due (nil: no live ticket needs the runner).
    public func nextTimerDue() throws(TicketError) -> Date? {
        try reading { db in
            try Double.fetchOne(db.cachedStatement(sql: "SELECT MIN(due_at) FROM sla_timers")).map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Runs every timer due by `now` (up to `limit` tickets): each ticket in its own `BEGIN IMMEDIATE` transaction
    /// that records its facts, events and notifications together and re-arms its timer. Only tickets whose timer is
    /// due are read, so the cost does not grow with the store.
    public func runDueTimers(now: Date, inactivity: InactivityRule, limit: Int = 500) throws(TicketError) -> TimerRun {
        let due = try reading { db in
            try String.fetchAll(
                db.cachedStatement(sql: "SELECT ticket_id FROM sla_timers WHERE due_at <= ? ORDER BY due_at LIMIT ?"),
                arguments: [now.timeIntervalSince1970, limit])
        }
        var run = TimerRun()
        for id in due {
            run.tickets += 1
            run.facts += try writing { db in try self.runTimer(db, id, now: now, inactivity: inactivity) }
        }
        return run
    }

    /// One ticket's timer: the steps due, each recorded once, then the timer re-armed. Returns the facts recorded.
    func runTimer(_ db: Database, _ id: String, now: Date, inactivity: InactivityRule) throws -> Int {
        let system = Principal.admin(Self.automationActor)
        guard var ticket = try? Self.visibleTicket(db, id, as: system) else {
            try db.execute(sql: "DELETE FROM sla_timers WHERE ticket_id = ?", arguments: [id])
            return 0
        }
        let policy = try currentPolicy(db)
        var facts = try Self.facts(db, ticket)
        let steps = SLATimers.steps(ticket, facts: facts, policy: policy, inactivity: inactivity, now: now)
        var events: [TicketEvent] = []
        var notifications: [OutboxNotification] = []
        var recorded = 0
        for step in steps {
            guard let firing = TimerFiring.of(step, ticket: ticket, facts: &facts, inactivity: inactivity, url: url(ticket.id), now: now),
                try Self.insertFact(db, ticket, firing.fact, now: now)
            else { continue }
            recorded += 1
            for fact in firing.alsoFacts { _ = try Self.insertFact(db, ticket, fact, now: now) }
            events += firing.events
            if firing.escalates {
                ticket.escalated = true
                ticket.acknowledgedAt = nil
            }
            if let reason = firing.supersedes {
                try Self.cancelPending(db, ticket.id, kinds: [.slaBreached, .page], targets: [.oncall], reason: reason)
            }
            if let resolution = firing.closeResolution {
                try closeTicket(db, &ticket, resolution: resolution, as: system, now: now)
                notifications += Automations.inactivityClosed(ticket, url: url(ticket.id))
            }
            notifications += firing.notifications
        }
        if !events.isEmpty {
            try commit(db, &ticket, events: events, now: now)
        }
        try Self.enqueue(db, notifications, now: now)
        let next = SLATimers.nextInstant(ticket, facts: facts, policy: policy, inactivity: inactivity)
        if let next {
            try Self.setTimer(db, ticket.id, at: next)
        } else {
            try db.execute(sql: "DELETE FROM sla_timers WHERE ticket_id = ?", arguments: [ticket.id.rawValue])
        }
        return recorded
    }
}
