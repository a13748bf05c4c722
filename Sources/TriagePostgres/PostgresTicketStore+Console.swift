import Foundation
import PostgresNIO
import TriageCore

/// The console on PostgreSQL (`ConsoleStoring`): the same reads as the SQLite file's, each in one transaction as the
/// agent (`triage_staff`, row-level security on), the queue and its counts from one snapshot.
extension PostgresTicketStore: ConsoleStoring {
    public func queueSnapshot(as principal: Principal, now: Date, limit: Int) async throws(TicketError) -> QueueSnapshot {
        try AccessRules.require(principal, .useConsole)
        return try await transaction(as: principal, kind: .snapshot) { c in
            let tickets = try await tickets(c, PostgresQuery(unsafeSQL: Self.queueSQL([], limit: "\(max(1, limit))", publicView: false)))
            let summary = try await queueSummary(c, policy: try await currentPolicy(c), now: now, countDue: true)
            return QueueSnapshot(tickets: tickets, summary: summary, version: try await ticketVersion(c))
        }
    }

    /// Concurrent writers do not commit in counter order (a ticket filed at a counter value already passed can
    /// commit after a reader moved beyond it), so the tickets the feed heard changed (`notified`, from NOTIFY at
    /// commit) are read with those the counter lists.
    public func queueChanges(
        since version: Int, notified: Set<TicketID>?, as principal: Principal, now: Date, limit: Int, detail shown: TicketID?,
        countDue: Bool, detailEvents: Int?
    ) async throws(TicketError) -> QueueChanges {
        try AccessRules.require(principal, .useConsole)
        return try await transaction(as: principal, kind: .snapshot) { c in
            let current = try await ticketVersion(c)
            let summary = try await queueSummary(c, policy: try await currentPolicy(c), now: now, countDue: countDue)
            guard let notified, current >= version else {
                return QueueChanges(version: current, changed: nil, removed: [], summary: summary)
            }
            var listed: [String] = []
            if current != version {
                let rows = try await c.query(
                    "SELECT ticket_id FROM triage.ticket_changes WHERE seq > \(version) ORDER BY seq LIMIT \(limit + 1)", logger: logger)
                for try await id in rows.decode(String.self) { listed.append(id) }
            }
            let ids = Set(listed).union(notified.map(\.rawValue))
            guard ids.count <= limit, !ids.contains("*") else {
                return QueueChanges(version: current, changed: nil, removed: [], summary: summary)
            }
            guard !ids.isEmpty else { return QueueChanges(version: current, changed: [], removed: [], summary: summary) }
            let found = try await tickets(c, "\(unescaped: Self.ticketSelect()) WHERE t.id = ANY(\(Array(ids)))")
            let queued = found.filter { $0.status != .closed }
            let kept = Set(queued.map(\.id.rawValue))
            let touched = ids.compactMap(TicketID.init)
            var detail: TicketDetail?
            if let shown, touched.contains(shown) {
                // Deleted meanwhile: no detail (the reader sees the ticket removed).
                detail = try? await self.detail(c, shown.rawValue, as: principal, recentEvents: detailEvents)
            }
            return QueueChanges(
                version: current, changed: queued, removed: Set(ids.filter { !kept.contains($0) }.compactMap(TicketID.init)),
                summary: summary, escalations: try await escalations(c, of: queued.filter(\.escalated).map(\.id)),
                seen: try await lastSeen(c, of: touched, agent: principal.actorName), detail: detail)
        }
    }

    /// The header counts: open, waiting, critical and unassigned as the ticket trigger keeps them (`queue_counts`,
    /// striped), breached and warning as one range of the queue index over the open tickets past or near their due
    /// time (`SLAState.running` as ranges, as on SQLite).
    func queueSummary(_ c: PostgresConnection, policy: SLAPolicy, now: Date, countDue: Bool) async throws -> QueueSummary {
        var summary = QueueSummary()
        let counts = try await c.query(
            """
            SELECT COALESCE(sum(open), 0)::int8, COALESCE(sum(waiting), 0)::int8, COALESCE(sum(critical), 0)::int8,
                   COALESCE(sum(unassigned), 0)::int8 FROM triage.queue_counts
            """, logger: logger)
        for try await (open, waiting, critical, unassigned) in counts.decode((Int, Int, Int, Int).self) {
            summary = QueueSummary(open: open, waiting: waiting, critical: critical, unassigned: unassigned)
        }
        guard countDue else {
            summary.dueCounted = false
            return summary
        }
        let leads = policy.warningLeadsByRank
        let t = now.timeIntervalSince1970
        let due = try await c.query(
            """
            SELECT count(*) FILTER (WHERE queue_key < \(t))::int8,
                   count(*) FILTER (WHERE queue_key >= \(t) AND queue_key <= \(t) + CASE priority_rank WHEN 0 THEN \(leads[0])
                       WHEN 1 THEN \(leads[1]) WHEN 2 THEN \(leads[2]) ELSE \(leads[3]) END)::int8
            FROM triage.tickets WHERE queue_rank = 0 AND queue_key <= \(t + (leads.max() ?? 0))
            """, logger: logger)
        for try await (breached, warning) in due.decode((Int, Int).self) {
            summary.breached = breached
            summary.warning = warning
        }
        return summary
    }

    public func escalations(of ids: [TicketID], as principal: Principal) async throws(TicketError) -> [TicketID: EscalationInfo] {
        try AccessRules.require(principal, .viewAutomation)
        guard !ids.isEmpty else { return [:] }
        return try await transaction(as: principal) { c in try await escalations(c, of: ids) }
    }

    /// For each escalated ticket of `ids`: the pages of its current cycle, its breach, who acknowledged and when.
    func escalations(_ c: PostgresConnection, of ids: [TicketID]) async throws -> [TicketID: EscalationInfo] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await c.query(
            """
            SELECT t.id, t.cycle::int8, t.acknowledged_at,
              (SELECT max(f.n) FROM triage.sla_facts f WHERE f.ticket_id = t.id AND f.cycle = t.cycle AND f.kind = 'page')::int8,
              (SELECT max(f.at) FROM triage.sla_facts f WHERE f.ticket_id = t.id AND f.cycle = t.cycle AND f.kind = 'breach'),
              CASE WHEN t.acknowledged_at IS NOT NULL THEN
                (SELECT e.actor FROM triage.events e WHERE e.ticket_id = t.id AND e.kind = 'acknowledged' ORDER BY e.id DESC LIMIT 1) END
            FROM triage.tickets t WHERE t.id = ANY(\(Set(ids).map(\.rawValue))) AND t.escalated
            """, logger: logger)
        var out: [TicketID: EscalationInfo] = [:]
        for try await (idText, cycle, acknowledgedAt, pages, breachedAt, acknowledger) in rows.decode(
            (String, Int, Double?, Int?, Double?, String?).self)
        {
            guard let id = TicketID(idText) else { continue }
            var info = EscalationInfo(ticketID: id, cycle: cycle, acknowledgedAt: acknowledgedAt.map(Date.init(timeIntervalSince1970:)))
            info.pages = pages ?? 0
            info.breachedAt = breachedAt.map(Date.init(timeIntervalSince1970:))
            info.acknowledgedBy = acknowledger
            out[id] = info
        }
        return out
    }

    public func automationHealth(as principal: Principal) async throws(TicketError) -> AutomationHealth {
        try AccessRules.require(principal, .viewAutomation)
        return try await transaction(as: principal) { c in
            var health = AutomationHealth()
            let runners = try await c.query(
                """
                SELECT max(last_pass_at), max(started_at) FILTER (WHERE stopped_at IS NULL),
                       (count(*) FILTER (WHERE stopped_at IS NULL))::int8
                FROM triage.runners
                """, logger: logger)
            for try await (lastPass, lastStart, running) in runners.decode((Double?, Double?, Int).self) {
                health.lastPassAt = lastPass.map(Date.init(timeIntervalSince1970:))
                health.lastStartAt = lastStart.map(Date.init(timeIntervalSince1970:))
                health.runningRunners = running
            }
            let counts = try await c.query(
                "SELECT status, count(*)::int8 FROM triage.outbox WHERE status IN ('pending', 'sending', 'dead') GROUP BY status",
                logger: logger)
            for try await (status, count) in counts.decode((String, Int).self) {
                if status == OutboxStatus.dead.rawValue { health.dead += count } else { health.pending += count }
            }
            let disabled = try await c.query(
                "SELECT target, disabled_reason FROM triage.delivery_targets WHERE disabled_reason IS NOT NULL ORDER BY target",
                logger: logger)
            for try await (target, reason) in disabled.decode((String, String).self) {
                health.disabledTargets.append(AutomationHealth.DisabledTarget(target: target, reason: reason))
            }
            return health
        }
    }

    public func lastSeen(of ids: [TicketID]?, as principal: Principal) async throws(TicketError) -> [TicketID: LastSeen] {
        guard AccessRules.allows(principal, .useConsole) else { return [:] }
        if let ids, ids.isEmpty { return [:] }
        return try await transaction(as: principal) { c in try await lastSeen(c, of: ids, agent: principal.actorName) }
    }

    /// What `agent` saw of the queued tickets they opened (of `ids` only), each with whether it moved since by someone
    /// else: `updated_at` later than their look, and the last event not theirs.
    func lastSeen(_ c: PostgresConnection, of ids: [TicketID]?, agent: String) async throws -> [TicketID: LastSeen] {
        if let ids, ids.isEmpty { return [:] }
        let only = ids.map { Array(Set($0.map(\.rawValue))) }
        let rows = try await c.query(
            """
            SELECT v.ticket_id, v.seen_at,
              t.updated_at > v.seen_at
                AND COALESCE((SELECT e.actor FROM triage.events e WHERE e.ticket_id = t.id ORDER BY e.id DESC LIMIT 1), '') <> v.agent
            FROM triage.agent_views v JOIN triage.tickets t ON t.id = v.ticket_id
            WHERE v.agent = \(agent) AND v.seen_at IS NOT NULL AND t.queue_rank IS NOT NULL
              AND (\(only == nil) OR v.ticket_id = ANY(\(only ?? [])))
            """, logger: logger)
        var seen: [TicketID: LastSeen] = [:]
        for try await (idText, at, unread) in rows.decode((String, Double, Bool?).self) {
            guard let id = TicketID(idText) else { continue }
            seen[id] = LastSeen(at: Date(timeIntervalSince1970: at), unread: unread ?? false)
        }
        return seen
    }

    public func presence(as principal: Principal, now: Date) async throws(TicketError) -> [TicketID: [Presence]] {
        guard AccessRules.allows(principal, .useConsole) else { return [:] }
        return try await transaction(as: principal) { c in
            var rows: [(ticket: String, agent: String, activity: String)] = []
            let found = try await c.query(
                "SELECT ticket_id, agent, activity FROM triage.presence(\(now.timeIntervalSince1970 - Presence.freshness))", logger: logger)
            for try await (ticket, agent, activity) in found.decode((String, String, String).self) {
                rows.append((ticket: ticket, agent: agent, activity: activity))
            }
            return Presence.byTicket(rows)
        }
    }

    public func weeklyTrend(endingAt week: ISOWeek, count: Int, as principal: Principal) async throws(TicketError) -> [TrendWeek] {
        try AccessRules.require(principal, .viewStats)
        var weeks = [week]
        while weeks.count < count { weeks.insert(weeks[0].previous, at: 0) }
        return try await transaction(as: principal) { c in
            var trend: [TrendWeek] = []
            for w in weeks {
                let days = WeekQuery.day(w.start)..<WeekQuery.day(w.end)
                let rows = try await c.query(
                    """
                    SELECT COALESCE(sum(opened), 0)::int8, COALESCE(sum(resolved), 0)::int8 FROM triage.day_counts
                    WHERE day >= \(days.lowerBound) AND day < \(days.upperBound)
                    """, logger: logger)
                for try await (opened, resolved) in rows.decode((Int, Int).self) {
                    trend.append(TrendWeek(week: w, opened: opened, resolved: resolved))
                }
            }
            return trend
        }
    }

    // MARK: Drafts, seen marks, presence: the agent's own rows (row-level security: app.actor's only)

    public func draft(kind: DraftKind, ticket id: String, as principal: Principal) async throws(TicketError) -> String? {
        guard AccessRules.allows(principal, .keepDrafts), let ticketID = TicketID(id) else { return nil }
        return try await transaction(as: principal) { c in
            var body: String?
            let rows = try await c.query(
                """
                SELECT body FROM triage.drafts WHERE agent = \(principal.actorName) AND ticket_id = \(ticketID.rawValue)
                  AND kind = \(kind.rawValue)
                """, logger: logger)
            for try await text in rows.decode(String.self) { body = text }
            return body
        }
    }

    public func saveDraft(_ body: String, kind: DraftKind, ticket id: String, as principal: Principal, now: Date) async throws(TicketError)
    {
        try await transaction(as: principal) { c in
            let ticket = try await visibleTicket(c, id, as: principal)
            try AccessRules.require(principal, .keepDrafts)
            if body.isEmpty {
                try await c.query(
                    """
                    DELETE FROM triage.drafts WHERE agent = \(principal.actorName) AND ticket_id = \(ticket.id.rawValue)
                      AND kind = \(kind.rawValue)
                    """, logger: logger)
            } else {
                try await c.query(
                    """
                    INSERT INTO triage.drafts (agent, ticket_id, kind, body, updated_at)
                    VALUES (\(principal.actorName), \(ticket.id.rawValue), \(kind.rawValue), \(body), \(now.timeIntervalSince1970))
                    ON CONFLICT (agent, ticket_id, kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
                    """, logger: logger)
            }
        }
    }

    public func draftKinds(as principal: Principal) async throws(TicketError) -> [TicketID: Set<DraftKind>] {
        guard AccessRules.allows(principal, .keepDrafts) else { return [:] }
        return try await transaction(as: principal) { c in
            var kinds: [TicketID: Set<DraftKind>] = [:]
            let rows = try await c.query("SELECT ticket_id, kind FROM triage.drafts WHERE agent = \(principal.actorName)", logger: logger)
            for try await (idText, kindText) in rows.decode((String, String).self) {
                guard let id = TicketID(idText), let kind = DraftKind(rawValue: kindText) else { continue }
                kinds[id, default: []].insert(kind)
            }
            return kinds
        }
    }

    public func agentRoster(as principal: Principal) async throws(TicketError) -> [String] {
        try AccessRules.require(principal, .useConsole)
        let names = try await transaction(as: principal) { c in
            var names: [String] = []
            let recent = AgentRoster.recentEvents
            let rows = try await c.query(
                """
                SELECT name FROM triage.staff_token_names() AS name
                UNION ALL SELECT DISTINCT assignee FROM triage.tickets WHERE queue_rank IS NOT NULL AND assignee IS NOT NULL
                UNION ALL SELECT DISTINCT actor FROM triage.events
                  WHERE id > (SELECT COALESCE(max(id), 0) FROM triage.events) - \(recent)
                UNION ALL SELECT DISTINCT new_value FROM triage.events
                  WHERE id > (SELECT COALESCE(max(id), 0) FROM triage.events) - \(recent) AND kind = 'assigned' AND new_value IS NOT NULL
                """, logger: logger)
            for try await name in rows.decode(String.self) { names.append(name) }
            return names
        }
        return AgentRoster.names(names)
    }

    public func markSeen(_ id: TicketID, at updatedAt: Date, as principal: Principal) async throws(TicketError) {
        try AccessRules.require(principal, .useConsole)
        try await transaction(as: principal) { c in
            try await c.query(
                """
                INSERT INTO triage.agent_views AS v (agent, ticket_id, seen_at)
                SELECT \(principal.actorName), t.id, \(updatedAt.timeIntervalSince1970) FROM triage.tickets t WHERE t.id = \(id.rawValue)
                ON CONFLICT (agent, ticket_id) DO UPDATE SET seen_at = GREATEST(COALESCE(v.seen_at, 0), excluded.seen_at)
                """, logger: logger)
        }
    }

    public func heartbeat(_ id: TicketID?, typing: DraftKind?, as principal: Principal, now: Date) async throws(TicketError) {
        try AccessRules.require(principal, .useConsole)
        let agent = principal.actorName
        let at = now.timeIntervalSince1970
        try await transaction(as: principal) { c in
            try await c.query(
                """
                UPDATE triage.agent_views SET opened_at = NULL WHERE agent = \(agent) AND opened_at IS NOT NULL
                  AND ticket_id <> \(id?.rawValue ?? "")
                """, logger: logger)
            guard let id else { return }
            try await c.query(
                """
                INSERT INTO triage.agent_views (agent, ticket_id, opened_at)
                SELECT \(agent), t.id, \(at) FROM triage.tickets t WHERE t.id = \(id.rawValue)
                ON CONFLICT (agent, ticket_id) DO UPDATE SET opened_at = excluded.opened_at
                """, logger: logger)
            if let typing {
                try await c.query(
                    """
                    UPDATE triage.drafts SET updated_at = \(at) WHERE agent = \(agent) AND ticket_id = \(id.rawValue)
                      AND kind = \(typing.rawValue)
                    """, logger: logger)
            }
        }
    }

    public func ticketFeed(as principal: Principal) async throws(TicketError) -> any TicketFeed {
        try AccessRules.require(principal, .useConsole)
        return try PostgresTicketFeed(store: self, principal: principal)
    }
}
