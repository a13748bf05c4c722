import Foundation
import GRDB
import TriageCore

/// What one day adds to the per-day counters (`day_counts`) that the weekly stats read: tickets created, closes,
/// reopens, tickets resolved (a ticket's first close in its ISO week), and the changes in the two open-ticket KPI
/// counts. The backlog at any instant that starts a day is Σ (opened + reopened − closed) over the days before it,
/// and the KPI counts Σ unassigned and Σ critical: a change only ever adds to the day it happens on, so a past day —
/// and a past week — is never rewritten.
struct DayCounts: Equatable {
    var opened = 0
    var closed = 0
    var reopened = 0
    var resolved = 0
    var unassigned = 0
    var critical = 0

    var isZero: Bool { self == DayCounts() }

    static func += (a: inout DayCounts, b: DayCounts) {
        a.opened += b.opened
        a.closed += b.closed
        a.reopened += b.reopened
        a.resolved += b.resolved
        a.unassigned += b.unassigned
        a.critical += b.critical
    }
}

extension TicketStore {
    // MARK: History — what the weekly stats read, written with each change and never rewritten

    /// Records what the weekly stats need to know about a change to `ticket`, inside the write's transaction: call
    /// it with the ticket's new state (its SLA already replayed) before its row is saved, `isNew` when the ticket is
    /// being created. A close becomes a row of `closes` (its cycle, budget, due time and whether it met it, frozen);
    /// closes, reopens, creations and changes of the open-ticket KPI flags count on today's `day_counts` row.
    static func recordHistory(_ db: Database, _ ticket: Ticket, isNew: Bool = false, now: Date) throws {
        var before: (status: TicketStatus, flags: OpenTicketFlags)?
        if !isNew,
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT status, assignee, priority FROM tickets WHERE id = ?"), arguments: [ticket.id.rawValue])
        {
            let status = TicketStatus(rawValue: row[0]) ?? .open
            before = (status, OpenTicketFlags(status: status, assignee: row[1], priority: Priority(rawValue: row[2]) ?? .medium))
        }
        var counts = DayCounts()
        if isNew { counts.opened = 1 }
        let wasClosed = before?.status == .closed
        if ticket.status == .closed && !wasClosed {
            counts.closed = 1
            counts.resolved = try recordClose(db, ticket, now: now) ? 1 : 0
        } else if wasClosed && ticket.status != .closed {
            counts.reopened = 1
        }
        let flags = OpenTicketFlags(status: ticket.status, assignee: ticket.assignee, priority: ticket.priority)
        let delta = OpenTicketFlags.delta(from: isNew ? nil : before?.flags ?? flags, to: flags)
        counts.unassigned = delta.unassigned
        counts.critical = delta.critical
        try addDayCounts(db, counts, day: day(now))
    }

    /// Writes the `closes` row of the cycle `ticket` has just closed; true when it is the ticket's first close in
    /// this ISO week (the one that counts it as resolved that week).
    private static func recordClose(_ db: Database, _ ticket: Ticket, now: Date) throws -> Bool {
        let closedAt = ticket.closedAt ?? now
        let weekStart = ISOWeek(containing: closedAt).start.timeIntervalSince1970
        let closedBefore =
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM closes WHERE ticket_id = ? AND closed_at >= ? LIMIT 1"),
                arguments: [ticket.id.rawValue, weekStart]) ?? false
        try db.cachedStatement(
            sql: """
                INSERT INTO closes (ticket_id, cycle, closed_at, created_at, sla_hours, due_at, met, counted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            ticket.id.rawValue, ticket.sla.cycle, closedAt.timeIntervalSince1970, ticket.createdAt.timeIntervalSince1970,
            ticket.sla.budget.hours, ticket.sla.dueAt.timeIntervalSince1970, closedAt <= ticket.sla.dueAt, !closedBefore,
        ])
        return !closedBefore
    }

    /// Adds `counts` to one day's row of `day_counts` (nothing when they are all zero).
    static func addDayCounts(_ db: Database, _ counts: DayCounts, day: Int) throws {
        guard !counts.isZero else { return }
        try db.cachedStatement(
            sql: """
                INSERT INTO day_counts (day, opened, closed, reopened, resolved, unassigned, critical) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (day) DO UPDATE SET opened = opened + excluded.opened, closed = closed + excluded.closed,
                    reopened = reopened + excluded.reopened, resolved = resolved + excluded.resolved,
                    unassigned = unassigned + excluded.unassigned, critical = critical + excluded.critical
                """
        ).execute(arguments: [day, counts.opened, counts.closed, counts.reopened, counts.resolved, counts.unassigned, counts.critical])
    }

    /// What a ticket written in one piece (a seeded history) adds to the day counters, from its final state and its
    /// event log (simulated tickets close at most once and are never reopened).
    static func historyCounts(of sim: SimulatedTicket, into days: inout [Int: DayCounts]) {
        let ticket = sim.ticket
        days[day(ticket.createdAt), default: DayCounts()].opened += 1
        if let closedAt = ticket.closedAt {
            days[day(closedAt), default: DayCounts()].closed += 1
            days[day(closedAt), default: DayCounts()].resolved += 1
        }
        for change in OpenTicketFlags.changes(sim.events) {
            days[day(change.at), default: DayCounts()].unassigned += change.unassigned
            days[day(change.at), default: DayCounts()].critical += change.critical
        }
    }
}
