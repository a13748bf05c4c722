import Foundation
import PostgresNIO
import TriageCore

extension PostgresTicketStore: SLATimerRunning {
    // MARK: SLA timers, as the worker: each due ticket in its own transaction, its timer row claimed with SKIP LOCKED

    public func nextTimerDue() async throws(TicketError) -> Date? {
        try await transaction(.worker) { c in
            var due: Double?
            for try await at in try await c.query("SELECT min(due_at) FROM triage.sla_timers", logger: logger).decode(Double?.self) { due = at }
            return due.map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Runs every timer due by `now` (up to `limit`): a ticket another runner (or a writer) holds is skipped now and
    /// taken on a later pass; a fact another runner recorded first is not recorded again, nor anything that follows
    /// from it (`TimerFiring`).
    public func runDueTimers(now: Date, inactivity: InactivityRule, limit: Int) async throws(TicketError) -> TimerRun {
        let due = try await transaction(.worker) { c in
            var ids: [String] = []
            for try await id in try await c.query(
                "SELECT ticket_id FROM triage.sla_timers WHERE due_at <= \(now.timeIntervalSince1970) ORDER BY due_at LIMIT \(limit)",
                logger: logger
            ).decode(String.self) {
                ids.append(id)
            }
            return ids
        }
        var run = TimerRun()
        for id in due {
            run.tickets += 1
            run.facts += try await transaction(.worker) { c in try await runTimer(c, id, now: now, inactivity: inactivity) }
        }
        return run
    }

    /// One ticket's timer: the ticket locked with SKIP LOCKED (another runner, or a writer, holds it: skipped now,
    /// taken on a later pass), then its timer read again (another runner may have run and re-armed it), the steps due
    /// each recorded once, and the timer re-armed. Every writer locks the ticket before its timer, so this order
    /// never deadlocks with them. Returns the facts recorded.
    func runTimer(_ c: PostgresConnection, _ id: String, now: Date, inactivity: InactivityRule) async throws -> Int {
        var locked = false
        for try await _ in try await c.query("SELECT 1 FROM triage.tickets WHERE id = \(id) FOR UPDATE SKIP LOCKED", logger: logger) {
            locked = true
        }
        guard locked else { return 0 }
        var due = false
        for try await _ in try await c.query(
            "SELECT 1 FROM triage.sla_timers WHERE ticket_id = \(id) AND due_at <= \(now.timeIntervalSince1970)", logger: logger)
        {
            due = true
        }
        guard due else { return 0 }
        let system = Principal.admin(Automations.actor)
        guard var ticket = try? await visibleTicket(c, id, as: system) else {
            try await c.query("DELETE FROM triage.sla_timers WHERE ticket_id = \(id)", logger: logger)
            return 0
        }
        let policy = try await currentPolicy(c)
        var facts = try await self.facts(c, ticket)
        let steps = SLATimers.steps(ticket, facts: facts, policy: policy, inactivity: inactivity, now: now)
        var events: [TicketEvent] = []
        var notifications: [OutboxNotification] = []
        var recorded = 0
        for step in steps {
            guard let firing = TimerFiring.of(step, ticket: ticket, facts: &facts, inactivity: inactivity, url: url(ticket.id), now: now),
                try await insertFact(c, ticket, firing.fact, now: now)
            else { continue }
            recorded += 1
            for fact in firing.alsoFacts { _ = try await insertFact(c, ticket, fact, now: now) }
            events += firing.events
            if firing.escalates {
                ticket.escalated = true
                ticket.acknowledgedAt = nil
            }
            if let reason = firing.supersedes {
                try await c.query(
                    """
                    UPDATE triage.outbox SET status = 'cancelled', last_error = \(reason)
                    WHERE ticket_id = \(ticket.id.rawValue) AND status = 'pending'
                      AND kind = ANY(\([Notice.Kind.slaBreached, .page].map(\.rawValue))) AND target = \(NotificationTarget.oncall.rawValue)
                    """, logger: logger)
            }
            if let resolution = firing.closeResolution {
                // The pending SLA notices of a ticket that closes are cancelled by the database (a trigger).
                var change = TicketTransitions.closing(ticket, resolution: resolution, actor: system.actorName, now: now)
                try await commit(c, &change.ticket, events: change.events, now: now)
                ticket = change.ticket
                notifications += Automations.inactivityClosed(ticket, url: url(ticket.id))
            }
            notifications += firing.notifications
        }
        if !events.isEmpty { try await commit(c, &ticket, events: events, now: now) }
        try await enqueue(c, notifications, now: now)
        let next = SLATimers.nextInstant(ticket, facts: facts, policy: policy, inactivity: inactivity)
        if let next {
            try await c.query(
                """
                INSERT INTO triage.sla_timers (ticket_id, user_id, due_at) VALUES (\(ticket.id.rawValue), \(ticket.userID.description), \(next.timeIntervalSince1970))
                ON CONFLICT (ticket_id) DO UPDATE SET due_at = excluded.due_at
                """, logger: logger)
        } else {
            try await c.query("DELETE FROM triage.sla_timers WHERE ticket_id = \(ticket.id.rawValue)", logger: logger)
        }
        return recorded
    }

    /// Records a fact; false when it was already there (another runner, or an earlier pass, recorded it).
    func insertFact(_ c: PostgresConnection, _ ticket: Ticket, _ fact: SLAFact, now: Date) async throws -> Bool {
        var inserted = false
        for try await _ in try await c.query(
            """
            INSERT INTO triage.sla_facts (ticket_id, user_id, cycle, kind, n, at, late)
            VALUES (\(ticket.id.rawValue), \(ticket.userID.description), \(ticket.sla.cycle), \(fact.kind), \(fact.n), \(now.timeIntervalSince1970), \(fact.late))
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger)
        {
            inserted = true
        }
        return inserted
    }
}
