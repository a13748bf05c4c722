import Foundation
import GRDB
import TriageCore

extension DayCounts {
    static let upsertSQL = """
        INSERT INTO day_counts (day, \(columnNames.joined(separator: ", ")))
        VALUES (?\(String(repeating: ", ?", count: columnNames.count)))
        ON CONFLICT (day) DO UPDATE SET \(columnNames.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "))
        """

    /// The sums of every counter over a range of days: `SELECT` them with `day >= ? AND day < ?`.
    static let sumSQL =
        "SELECT \(columnNames.map { "COALESCE(SUM(\($0)), 0)" }.joined(separator: ", ")) FROM day_counts WHERE day >= ? AND day < ?"
}

extension TicketStore {
    // MARK: History — what the weekly stats read, written with each change and never rewritten

    /// Records what the weekly stats need to know about a change to `ticket`, inside the write's transaction: call
    /// it with the ticket's new state (its SLA already replayed) before its row is saved, `isNew` when the ticket is
    /// being created. A close becomes a row of `closes` (its cycle, budget, due time and whether it met it, frozen);
    /// closes, reopens, creations and changes of the open-ticket KPI flags count on today's `day_counts` row.
    static func recordHistory(_ db: Database, _ ticket: Ticket, events: [TicketEvent] = [], isNew: Bool = false, now: Date) throws {
        var before: (status: TicketStatus, flags: OpenTicketFlags, category: Category, responded: Bool)?
        if !isNew,
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT status, assignee, priority, category, first_response_at FROM tickets WHERE id = ?"),
                arguments: [ticket.id.rawValue])
        {
            let status: TicketStatus = try StrictColumn.value(row[0], column: "tickets.status")
            before = try (
                status, OpenTicketFlags(status: status, assignee: row[1], priority: StrictColumn.value(row[2], column: "tickets.priority")),
                StrictColumn.value(row[3], column: "tickets.category"), row[4] != nil
            )
        }
        var counts = DayCounts()
        if isNew { counts.open(ticket.category) }
        if let before, before.category != ticket.category {
            // Shares are by current category: the ticket moves on the day it was created.
            var moved = DayCounts()
            moved.moveCategory(to: before.category, by: -1)
            moved.moveCategory(to: ticket.category, by: 1)
            try addDayCounts(db, moved, day: day(ticket.createdAt))
        }
        let wasClosed = before?.status == .closed
        if ticket.status == .closed && !wasClosed {
            try recordClose(db, ticket, now: now, into: &counts)
        } else if wasClosed && ticket.status != .closed {
            counts.reopened = 1
        }
        if let respondedAt = ticket.firstResponseAt, !(before?.responded ?? false) {
            try recordFirstResponse(db, ticket, at: respondedAt, into: &counts, now: now)
        }
        for event in events where event.kind == .rated { counts.rate(Int(event.newValue ?? "") ?? 0) }
        let flags = OpenTicketFlags(status: ticket.status, assignee: ticket.assignee, priority: ticket.priority)
        let delta = OpenTicketFlags.delta(from: isNew ? nil : before?.flags ?? flags, to: flags)
        counts.unassigned = delta.unassigned
        counts.critical = delta.critical
        try addDayCounts(db, counts, day: day(now))
    }

    /// The ISO week a day belongs to, as a number: day 0 (1970-01-01) was a Thursday, so days −3…3 are week 0.
    /// `closes.week` and `responses.week` hold it; the migration computes the same with `(day + 3) / 7`.
    static func weekNumber(day: Int) -> Int { WeekQuery.weekNumber(day: day) }

    static func weekNumber(_ week: ISOWeek) -> Int { weekNumber(day: day(week.start)) }

    /// Writes the `closes` row of the cycle `ticket` has just closed and counts it: a close, met or not, and when it
    /// is the ticket's first close in this ISO week, a resolved ticket with its time and budget.
    private static func recordClose(_ db: Database, _ ticket: Ticket, now: Date, into counts: inout DayCounts) throws {
        let closedAt = ticket.closedAt ?? now
        let weekStart = ISOWeek(containing: closedAt).start.timeIntervalSince1970
        let closedBefore =
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM closes WHERE ticket_id = ? AND closed_at >= ? LIMIT 1"),
                arguments: [ticket.id.rawValue, weekStart]) ?? false
        let met = closedAt <= ticket.sla.dueAt
        let seconds = duration(from: ticket.createdAt, to: closedAt)
        try db.cachedStatement(sql: insertCloseSQL).execute(arguments: [
            ticket.id.rawValue, ticket.sla.cycle, closedAt.timeIntervalSince1970, ticket.createdAt.timeIntervalSince1970,
            ticket.sla.budget.hours, ticket.sla.dueAt.timeIntervalSince1970, met, !closedBefore, weekNumber(day: day(closedAt)),
            seconds,
        ])
        var counted = DayCounts()
        counted.closed = 1
        counted.cyclesMet = met ? 1 : 0
        if !closedBefore {
            counted.resolved = 1
            counted.resolvedSeconds = seconds
            counted.resolvedSLAHours = ticket.sla.budget.hours
        }
        try add(db, counted, onDayOf: closedAt, to: &counts, now: now)
    }

    /// A fact is counted on its own day, the day its `closes` or `responses` row is filed under (today's counters
    /// unless it is dated otherwise), so a week's counts and its rows always agree.
    private static func add(_ db: Database, _ fact: DayCounts, onDayOf at: Date, to counts: inout DayCounts, now: Date) throws {
        if day(at) == day(now) { counts += fact } else { try addDayCounts(db, fact, day: day(at)) }
    }

    /// A duration as the difference of the two stored instants, bit for bit what SQL computes from the columns.
    static func duration(from start: Date, to end: Date) -> Double { end.timeIntervalSince1970 - start.timeIntervalSince1970 }

    static let insertCloseSQL = """
        INSERT INTO closes (ticket_id, cycle, closed_at, created_at, sla_hours, due_at, met, counted, week, seconds)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Writes the `responses` row of a ticket's first public agent reply (it never moves) and counts it.
    private static func recordFirstResponse(
        _ db: Database, _ ticket: Ticket, at respondedAt: Date, into counts: inout DayCounts, now: Date
    ) throws {
        let seconds = duration(from: ticket.createdAt, to: respondedAt)
        try db.cachedStatement(sql: insertResponseSQL).execute(arguments: [
            ticket.id.rawValue, respondedAt.timeIntervalSince1970, weekNumber(day: day(respondedAt)), seconds,
        ])
        var counted = DayCounts()
        counted.responses = 1
        counted.responseSeconds = seconds
        try add(db, counted, onDayOf: respondedAt, to: &counts, now: now)
    }

    static let insertResponseSQL =
        "INSERT OR IGNORE INTO responses (ticket_id, responded_at, week, seconds) VALUES (?, ?, ?, ?)"

    /// Adds `counts` to one day's row of `day_counts` (nothing when they are all zero).
    static func addDayCounts(_ db: Database, _ counts: DayCounts, day: Int) throws {
        guard !counts.isZero else { return }
        try db.cachedStatement(sql: DayCounts.upsertSQL).execute(arguments: StatementArguments([day] + counts.columns.map(\.value)))
    }

    /// What a ticket written in one piece (a seeded history) adds to the day counters, from its final state and its
    /// event log (simulated tickets close at most once, are never reopened and keep their category).
    static func historyCounts(of sim: SimulatedTicket, into days: inout [Int: DayCounts]) {
        let ticket = sim.ticket
        days[day(ticket.createdAt), default: DayCounts()].open(ticket.category)
        if let closedAt = ticket.closedAt {
            let d = day(closedAt)
            days[d, default: DayCounts()].closed += 1
            days[d, default: DayCounts()].resolved += 1
            days[d, default: DayCounts()].resolvedSeconds += duration(from: ticket.createdAt, to: closedAt)
            days[d, default: DayCounts()].resolvedSLAHours += ticket.sla.budget.hours
            if ticket.sla.met ?? false { days[d, default: DayCounts()].cyclesMet += 1 }
        }
        if let respondedAt = ticket.firstResponseAt {
            days[day(respondedAt), default: DayCounts()].responses += 1
            days[day(respondedAt), default: DayCounts()].responseSeconds += duration(from: ticket.createdAt, to: respondedAt)
        }
        for event in sim.events where event.kind == .rated {
            days[day(event.at), default: DayCounts()].rate(Int(event.newValue ?? "") ?? 0)
        }
        for change in OpenTicketFlags.changes(sim.events) {
            days[day(change.at), default: DayCounts()].unassigned += change.unassigned
            days[day(change.at), default: DayCounts()].critical += change.critical
        }
    }
}
