import Foundation
import GRDB
import TriageCore

extension TicketStore {
    /// The weekly figures, KPIs and recommendations of SPEC §5 for `week`. Staff only.
    ///
    /// Every figure is one indexed range query over the week (or the per-day counters for the backlog), so the cost
    /// depends on the week's volume, not on the store's size.
    public func weeklyStats(_ week: ISOWeek, as principal: Principal, now: Date) throws(TicketError) -> WeeklyStats {
        guard AccessRules.allows(principal, .viewStats) else { throw .forbidden("stats are for agents and admins") }
        let sample = try reading { db in try Self.sample(db, week: week, now: now) }
        return WeeklyStats(sample: sample, policy: policy)
    }

    /// Opened and resolved counts for the `count` weeks up to and including `week` (oldest first), for sparklines.
    public func weeklyTrend(endingAt week: ISOWeek, count: Int, as principal: Principal) throws(TicketError) -> [(
        week: ISOWeek, opened: Int, resolved: Int
    )] {
        guard AccessRules.allows(principal, .viewStats) else { throw .forbidden("stats are for agents and admins") }
        var weeks = [week]
        while weeks.count < count { weeks.insert(weeks[0].previous, at: 0) }
        return try reading { db in
            try weeks.map { w in
                let row = try Row.fetchOne(
                    db, sql: "SELECT COALESCE(SUM(opened), 0), COALESCE(SUM(closed), 0) FROM day_counts WHERE day >= ? AND day < ?",
                    arguments: [Self.day(w.start), Self.day(w.end)])!
                return (week: w, opened: row[0] as Int, resolved: row[1] as Int)
            }
        }
    }

    /// Open tickets that have waited for an agent longer than the policy's reminder threshold, longest first.
    public func reminders(as principal: Principal, now: Date, limit: Int = 100) throws(TicketError) -> [Reminder] {
        guard AccessRules.allows(principal, .viewStats) else { throw .forbidden("reminders are for agents and admins") }
        let threshold = now.addingTimeInterval(-policy.reminderAfterHours * 3600).timeIntervalSince1970
        return try reading { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, category, subject, user_id, awaiting_agent_since FROM tickets
                    WHERE status = 'open' AND awaiting_agent_since IS NOT NULL AND awaiting_agent_since <= ?
                    ORDER BY awaiting_agent_since LIMIT ?
                    """,
                arguments: [threshold, limit]
            ).map { row in
                Reminder(
                    ticketID: TicketID(row["id"] as String)!, category: Category(rawValue: row["category"]) ?? .general,
                    subject: row["subject"], requester: UserID(row["user_id"] as String) ?? UserID(0),
                    waitingHours: (now.timeIntervalSince1970 - (row["awaiting_agent_since"] as Double)) / 3600)
            }
        }
    }

    static func sample(_ db: Database, week: ISOWeek, now: Date) throws -> WeekSample {
        let start = week.start.timeIntervalSince1970
        let end = week.end.timeIntervalSince1970
        var sample = WeekSample(week: week)
        for row in try Row.fetchAll(
            db, sql: "SELECT category, COUNT(*) FROM tickets WHERE created_at >= ? AND created_at < ? GROUP BY category",
            arguments: [start, end])
        {
            if let category = Category(rawValue: row[0]) { sample.openedByCategory[category] = row[1] }
        }
        sample.resolutions = try Row.fetchAll(
            db,
            sql: "SELECT closed_at - created_at, sla_hours, sla_met FROM tickets WHERE closed_at >= ? AND closed_at < ?",
            arguments: [start, end]
        ).map { WeekSample.Resolution(seconds: $0[0], slaHours: $0[1], met: ($0[2] as Bool?) ?? false) }
        let previous = week.previous
        sample.previousResolved =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM tickets WHERE closed_at >= ? AND closed_at < ?",
                arguments: [previous.start.timeIntervalSince1970, start]) ?? 0
        sample.firstResponses = try Double.fetchAll(
            db, sql: "SELECT first_response_at - created_at FROM tickets WHERE first_response_at >= ? AND first_response_at < ?",
            arguments: [start, end])
        sample.ratings = try Int.fetchAll(
            db, sql: "SELECT rating FROM ratings WHERE rated_at >= ? AND rated_at < ?", arguments: [start, end])
        sample.breaches =
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM tickets WHERE due_at >= ? AND due_at < ? AND (closed_at IS NULL OR closed_at > due_at)",
                arguments: [start, min(end, now.timeIntervalSince1970)]) ?? 0
        sample.backlogAtEnd =
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(SUM(opened), 0) - COALESCE(SUM(closed), 0) FROM day_counts WHERE day < ?",
                arguments: [day(week.end)]) ?? 0
        sample.unassignedOpen =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets WHERE queue_rank IS NOT NULL AND assignee IS NULL") ?? 0
        sample.criticalOpen =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets WHERE queue_rank IS NOT NULL AND priority_rank = 0") ?? 0
        return sample
    }
}
