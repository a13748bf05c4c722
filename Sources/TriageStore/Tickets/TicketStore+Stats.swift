import Foundation
import GRDB
import TriageCore

extension TicketStore {
    /// The weekly figures, KPIs and recommendations of SPEC §5 for `week`. Staff only.
    ///
    /// A past week's figures come from its own history — the `closes` rows, the events and the per-day counters —
    /// so nothing that happens later (a reopen, a re-prioritisation, a re-rating) changes them; the week in progress
    /// is "so far", compared with the same span of the week before, with its open-ticket KPIs as of `now`. Every
    /// figure is a sum over the week's per-day counters or one indexed look-up (the medians, the breaches), so the
    /// cost grows neither with the store's size nor with the week's volume.
    public func weeklyStats(_ week: ISOWeek, as principal: Principal, now: Date) throws(TicketError) -> WeeklyStats {
        try AccessRules.require(principal, .viewStats)
        let sample = try reading { db in try Self.sample(db, week: week, now: now) }
        return WeeklyStats(sample: sample, policy: policy)
    }

    /// Opened and resolved counts for the `count` weeks up to and including `week` (oldest first), for sparklines:
    /// sums of the per-day counters, the same resolved count as `weeklyStats` (distinct tickets closed in the week).
    public func weeklyTrend(endingAt week: ISOWeek, count: Int, as principal: Principal) throws(TicketError) -> [TrendWeek] {
        try AccessRules.require(principal, .viewStats)
        var weeks = [week]
        while weeks.count < count { weeks.insert(weeks[0].previous, at: 0) }
        return try reading { db in
            try weeks.map { w in
                let row = try Row.fetchOne(
                    db, sql: "SELECT COALESCE(SUM(opened), 0), COALESCE(SUM(resolved), 0) FROM day_counts WHERE day >= ? AND day < ?",
                    arguments: [Self.day(w.start), Self.day(w.end)])!
                return TrendWeek(week: w, opened: row[0], resolved: row[1])
            }
        }
    }

    /// The reminder list to show with `week`'s stats: `reminders(as:now:)` for the week in progress, none for any
    /// other week (SPEC §5: the list is about now, not about a past week).
    public func reminders(for week: ISOWeek, as principal: Principal, now: Date, limit: Int = 100) throws(TicketError) -> [Reminder] {
        guard week.contains(now) else {
            try AccessRules.require(principal, .viewStats)
            return []
        }
        return try reminders(as: principal, now: now, limit: limit)
    }

    /// Open tickets that have waited for an agent longer than the policy's reminder threshold, longest first.
    public func reminders(as principal: Principal, now: Date, limit: Int = 100) throws(TicketError) -> [Reminder] {
        try AccessRules.require(principal, .viewStats)
        let threshold = now.addingTimeInterval(-policy.reminderAfterHours * 3600).timeIntervalSince1970
        return try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, t.category, t.subject, t.user_id, t.awaiting_agent_since, q.name
                    FROM tickets t LEFT JOIN requesters q ON q.user_id = t.user_id
                    WHERE t.status = 'open' AND t.awaiting_agent_since IS NOT NULL AND t.awaiting_agent_since <= ?
                    ORDER BY t.awaiting_agent_since LIMIT ?
                    """,
                arguments: [threshold, limit]
            ).map { row in
                try Reminder(
                    ticketID: StrictColumn.ticketID(row["id"], column: "tickets.id"),
                    category: StrictColumn.value(row["category"], column: "tickets.category"),
                    subject: row["subject"], requester: StrictColumn.userID(row["user_id"], column: "tickets.user_id"), requesterName: row["name"],
                    waitingHours: (now.timeIntervalSince1970 - (row["awaiting_agent_since"] as Double)) / 3600)
            }
        }
    }

    static func sample(_ db: Database, week: ISOWeek, now: Date) throws -> WeekSample {
        let q = WeekQuery(week: week, now: now)
        // The week's flows are sums over its seven rows of per-day counters, written with each change.
        let values = try Row.fetchOne(db.cachedStatement(sql: DayCounts.sumSQL), arguments: [q.days.lowerBound, q.days.upperBound])!
        let sums = DayCounts(values: (0..<DayCounts.columnNames.count).map { values[$0] as Double })
        // Resolved in the span compared with: the per-day counters for its whole days, the closes of its last,
        // partial day (the week in progress only) — a ticket's first close of the week is the one `counted`.
        var previousResolved =
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(resolved), 0) FROM day_counts WHERE day >= ? AND day < ?",
                arguments: [q.comparedDays.lowerBound, q.comparedDays.upperBound]) ?? 0
        if let partial = q.comparedPartial {
            previousResolved +=
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM closes WHERE closed_at >= ? AND closed_at < ? AND counted",
                    arguments: [partial.lowerBound, partial.upperBound]) ?? 0
        }
        // The standing figures at the week's end, from the per-day counters (a week ends at midnight UTC).
        let standing = try Row.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(opened + reopened - closed), 0), COALESCE(SUM(unassigned), 0), COALESCE(SUM(critical), 0)
                FROM day_counts WHERE day < ?
                """,
            arguments: [q.standingBefore])!
        return WeekSample(
            q,
            WeekReadings(
                sums: sums,
                resolvedMedian: try median(
                    db, sql: "SELECT seconds FROM closes WHERE week = ? AND counted = 1 ORDER BY seconds", week: q.weekNumber, count: sums.resolved),
                responseMedian: try median(
                    db, sql: "SELECT seconds FROM responses WHERE week = ? ORDER BY seconds", week: q.weekNumber, count: sums.responses),
                previousResolved: previousResolved,
                breaches: try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM events WHERE kind = 'sla_breached' AND at >= ? AND at < ?",
                    arguments: [q.instants.lowerBound, q.instants.upperBound]) ?? 0,
                backlog: standing[0], standingUnassigned: standing[1], standingCritical: standing[2],
                liveUnassigned: q.isCurrentWeek
                    ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets WHERE queue_rank IS NOT NULL AND assignee IS NULL") : nil,
                liveCritical: q.isCurrentWeek
                    ? try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets WHERE queue_rank IS NOT NULL AND priority_rank = 0") : nil))
    }

    /// The median of the `count` durations `sql` lists in order for `week` (an index walk to the middle, not a
    /// sort); nil when there are none.
    private static func median(_ db: Database, sql: String, week: Int, count: Int) throws -> Double? {
        let ranks = WeekSample.Durations.medianRanks(count: count)
        guard let first = ranks.first else { return nil }
        let middle = try Double.fetchAll(
            db.cachedStatement(sql: sql + " LIMIT ? OFFSET ?"), arguments: [week, ranks.count, first])
        guard middle.count == ranks.count else { return nil }
        return middle.reduce(0, +) / Double(middle.count)
    }
}
