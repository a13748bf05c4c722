import Foundation
import PostgresNIO
import TriageCore

extension PostgresTicketStore {
    // MARK: Weekly stats: the same readings as SQLite's (`WeekQuery`), from the history the triggers keep

    public func weeklyStats(_ week: ISOWeek, as principal: Principal, now: Date) async throws(TicketError) -> WeeklyStats {
        try AccessRules.require(principal, .viewStats)
        let q = WeekQuery(week: week, now: now)
        return try await transaction(as: principal) { c in
            let columns = DayCounts.columnNames.map { "COALESCE(sum(\($0)), 0)::float8" }.joined(separator: ", ")
            var values: [Double] = []
            for try await row in try await c.query(
                "SELECT \(unescaped: columns) FROM triage.day_counts WHERE day >= \(q.days.lowerBound) AND day < \(q.days.upperBound)",
                logger: logger)
            {
                let r = row.makeRandomAccess()
                values = try (0..<r.count).map { try r[$0].decode(Double.self) }
            }
            let sums = DayCounts(values: values)
            var previousResolved = try await int(
                c,
                "SELECT COALESCE(sum(resolved), 0)::int8 FROM triage.day_counts WHERE day >= \(q.comparedDays.lowerBound) AND day < \(q.comparedDays.upperBound)"
            )
            if let partial = q.comparedPartial {
                previousResolved += try await int(
                    c,
                    "SELECT count(*) FROM triage.closes WHERE closed_at >= \(partial.lowerBound) AND closed_at < \(partial.upperBound) AND counted")
            }
            var standing = (0, 0, 0)
            for try await row in try await c.query(
                """
                SELECT COALESCE(sum(opened + reopened - closed), 0)::int8, COALESCE(sum(unassigned), 0)::int8, COALESCE(sum(critical), 0)::int8
                FROM triage.day_counts WHERE day < \(q.standingBefore)
                """, logger: logger
            ).decode((Int, Int, Int).self) {
                standing = row
            }
            let current = q.isCurrentWeek
            let readings = WeekReadings(
                sums: sums,
                resolvedMedian: try await median(c, table: "closes", counted: true, week: q.weekNumber, count: sums.resolved),
                responseMedian: try await median(c, table: "responses", counted: false, week: q.weekNumber, count: sums.responses),
                previousResolved: previousResolved,
                breaches: try await int(
                    c,
                    "SELECT count(*) FROM triage.events WHERE kind = 'sla_breached' AND at >= \(q.instants.lowerBound) AND at < \(q.instants.upperBound)"
                ),
                backlog: standing.0, standingUnassigned: standing.1, standingCritical: standing.2,
                liveUnassigned: current
                    ? try await int(c, "SELECT count(*) FROM triage.tickets WHERE queue_rank IS NOT NULL AND assignee IS NULL") : nil,
                liveCritical: current
                    ? try await int(c, "SELECT count(*) FROM triage.tickets WHERE queue_rank IS NOT NULL AND priority_rank = 0") : nil)
            return WeeklyStats(sample: WeekSample(q, readings), policy: try await currentPolicy(c))
        }
    }

    public func reminders(as principal: Principal, now: Date, limit: Int) async throws(TicketError) -> [Reminder] {
        try AccessRules.require(principal, .viewStats)
        return try await transaction(as: principal) { c in
            let threshold = now.addingTimeInterval(-(try await currentPolicy(c)).reminderAfterHours * 3600).timeIntervalSince1970
            var reminders: [Reminder] = []
            for try await (id, category, subject, user, since, name) in try await c.query(
                """
                SELECT t.id, t.category, t.subject, t.user_id, t.awaiting_agent_since, q.name
                FROM triage.tickets t LEFT JOIN triage.requesters q ON q.user_id = t.user_id
                WHERE t.status = 'open' AND t.awaiting_agent_since IS NOT NULL AND t.awaiting_agent_since <= \(threshold)
                ORDER BY t.awaiting_agent_since LIMIT \(limit)
                """, logger: logger
            ).decode((String, String, String, String, Double, String?).self) {
                guard let ticketID = TicketID(id), let category = Category(rawValue: category), let requester = UserID(user) else {
                    throw TicketError.storage("tickets holds a malformed row for \(id.debugDescription)")
                }
                reminders.append(
                    Reminder(
                        ticketID: ticketID, category: category, subject: subject, requester: requester, requesterName: name,
                        waitingHours: (now.timeIntervalSince1970 - since) / 3600))
            }
            return reminders
        }
    }

    /// The median of the week's durations in `table` (`closes` counted, or `responses`): an index walk to the middle.
    func median(_ c: PostgresConnection, table: String, counted: Bool, week: Int, count: Int) async throws -> Double? {
        let ranks = WeekSample.Durations.medianRanks(count: count)
        guard let first = ranks.first else { return nil }
        var middle: [Double] = []
        for try await seconds in try await c.query(
            "SELECT seconds FROM triage.\(unescaped: table) WHERE week = \(week)\(unescaped: counted ? " AND counted" : "") ORDER BY seconds LIMIT \(ranks.count) OFFSET \(first)",
            logger: logger
        ).decode(Double.self) {
            middle.append(seconds)
        }
        guard middle.count == ranks.count else { return nil }
        return middle.reduce(0, +) / Double(middle.count)
    }

    func int(_ c: PostgresConnection, _ query: PostgresQuery) async throws -> Int {
        var value = 0
        for try await n in try await c.query(query, logger: logger).decode(Int.self) { value = n }
        return value
    }
}

extension PostgresTicketStore {
    /// The place through `triage.queue_ahead` and the estimate through `triage.first_response_sample`: a requester
    /// may not read other users' tickets, so only counts and durations leave those functions.
    public func place(of id: TicketID, as principal: Principal, now: Date) async throws(TicketError) -> QueuePlace {
        try await transaction(as: principal) { c in
            let ticket = try await visibleTicket(c, id.rawValue, as: principal)
            var place: Int?
            if let key = ticket.queueKey {
                place = try await int(
                    c,
                    "SELECT triage.queue_ahead(\(key.rank)::integer, \(key.key), \(key.priorityRank)::integer, \(key.createdAt), \(key.id))::int8") + 1
            }
            let since = QueuePlace.estimateSince(now)
            var estimate = try await estimate(c, since: since, priority: ticket.priority)
            if (estimate?.samples ?? 0) < QueuePlace.estimateMinimumSamples { estimate = try await self.estimate(c, since: since, priority: nil) }
            return QueuePlace(place: place, estimate: estimate)
        }
    }

    func estimate(_ c: PostgresConnection, since: Int, priority: Priority?) async throws -> CommandText.Estimate? {
        for try await (samples, middle) in try await c.query(
            "SELECT samples, middle FROM triage.first_response_sample(\(since)::integer, \(priority?.rawValue)::text)", logger: logger
        ).decode((Int, [Double]).self) {
            guard samples > 0, !middle.isEmpty else { return nil }
            return CommandText.Estimate(
                medianHours: middle.reduce(0, +) / Double(middle.count) / 3600, samples: samples, weeks: QueuePlace.estimateWeeks,
                priority: priority)
        }
        return nil
    }
}
