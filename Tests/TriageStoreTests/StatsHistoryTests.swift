import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// Weekly stats are history (SPEC §5): a past week's figures come from what happened that week and never change
/// because of something later.
@Suite struct StatsHistoryTests {
    /// 2026-W47: Monday 16 to Sunday 22 November 2026 (Fixture.t0 is its Wednesday).
    let w47 = ISOWeek(containing: Fixture.t0)
    let agent = Fixture.agent
    let owner = Principal.user(Fixture.owner)

    /// Day 0 is the week's Monday; hours in UTC.
    func at(_ week: ISOWeek, day: Int, hour: Double) -> Date {
        week.start.addingTimeInterval(Double(day) * 86_400 + hour * 3600)
    }

    @discardableResult
    func ticket(_ store: TicketStore, _ category: Category = .billing, _ priority: Priority = .high, at date: Date) throws -> Ticket {
        try store.create(
            NewTicket(requester: Fixture.owner, subject: "Paiement refusé", category: category, priority: priority, description: "…"),
            as: owner, now: date)
    }

    func stats(_ store: TicketStore, _ week: ISOWeek, now: Date) throws -> WeeklyStats {
        try store.weeklyStats(week, as: agent, now: now)
    }

    /// The figures a later event could have rewritten, side by side.
    func figures(_ s: WeeklyStats) -> [String] {
        func text(_ value: Double?) -> String { value.map { String($0) } ?? "-" }
        let kpis: [String] = s.kpis.map { kpi in "\(kpi.name)=\(kpi.actual)" }
        var lines: [String] = ["opened \(s.opened)", "resolved \(s.resolved)", "mean \(text(s.meanResolutionHours))"]
        lines += ["target \(text(s.resolutionTargetHours))", "met \(text(s.slaMetPercent))"]
        lines += ["breaches \(s.breaches)", "backlog \(s.backlogAtEnd)", "kpis \(kpis)"]
        return lines
    }

    @Test func aReopenTheWeekAfterLeavesThePastWeekUnchanged() throws {
        // Given a ticket closed within its SLA in W47 and another still open at the week's end
        let store = try Fixture.store()
        let a = try ticket(store, at: at(w47, day: 1, hour: 9))
        try ticket(store, at: at(w47, day: 2, hour: 9))
        try store.close(a.id.rawValue, resolution: "fixed", as: agent, now: at(w47, day: 1, hour: 19))
        let before = try stats(store, w47, now: at(w47.next, day: 0, hour: 8))
        #expect(before.resolved == 1)
        #expect(before.slaMetPercent == 100)
        #expect(before.meanResolutionHours == 10)
        #expect(before.backlogAtEnd == 1)
        // When it is reopened in W48 and closed again late (a second cycle, missed)
        let w48 = w47.next
        try store.reopen(a.id.rawValue, as: owner, now: at(w48, day: 1, hour: 9))
        try store.close(a.id.rawValue, resolution: "fixed again", as: agent, now: at(w48, day: 3, hour: 9))
        // Then W47 still shows what happened in W47
        let after = try stats(store, w47, now: at(w48, day: 4, hour: 8))
        #expect(figures(after) == figures(before))
        // And W48 has its own close: resolved once more, that cycle missed its 24h
        let next = try stats(store, w48, now: at(w48, day: 4, hour: 8))
        #expect(next.resolved == 1)
        #expect(next.slaMetPercent == 0)
        #expect(next.backlogAtEnd == 1)
        #expect(next.resolvedChange == 0)
    }

    @Test func aReplyThatReopensDoesNotRewriteThePastEither() throws {
        let store = try Fixture.store()
        let a = try ticket(store, at: at(w47, day: 0, hour: 9))
        try store.close(a.id.rawValue, resolution: nil, as: agent, now: at(w47, day: 0, hour: 12))
        let before = try stats(store, w47, now: at(w47.next, day: 0, hour: 1))
        // The requester answers the closed ticket in W48: it reopens
        try store.reply(a.id.rawValue, body: "Toujours refusé", as: owner, now: at(w47.next, day: 0, hour: 2))
        #expect(try store.ticket(a.id.rawValue, as: agent).status == .open)
        #expect(figures(try stats(store, w47, now: at(w47.next, day: 1, hour: 0))) == figures(before))
        #expect(try stats(store, w47.next, now: at(w47.next, day: 1, hour: 0)).backlogAtEnd == 1)
    }

    @Test func closingTwiceInOneWeekResolvesOnceButCountsBothCycles() throws {
        let store = try Fixture.store()
        let a = try ticket(store, at: at(w47, day: 0, hour: 0))
        try store.close(a.id.rawValue, resolution: nil, as: agent, now: at(w47, day: 0, hour: 6))
        try store.reopen(a.id.rawValue, as: owner, now: at(w47, day: 1, hour: 0))
        try store.close(a.id.rawValue, resolution: nil, as: agent, now: at(w47, day: 3, hour: 0))
        let s = try stats(store, w47, now: at(w47.next, day: 0, hour: 1))
        #expect(s.resolved == 1)
        #expect(s.meanResolutionHours == 6)  // its first close in the week
        #expect(s.slaMetPercent == 50)  // cycle 1 met (6h of 24h), cycle 2 missed (48h of 24h)
        #expect(try store.weeklyTrend(endingAt: w47, count: 1, as: agent).first?.resolved == 1)
    }

    @Test func aLaterRePrioritisationLeavesTheWeekUnchanged() throws {
        // Given a general/low ticket (72h) closed after 30h in W47, and one still open at the week's end
        let store = try Fixture.store()
        let a = try ticket(store, .general, .low, at: at(w47, day: 0, hour: 9))
        let b = try ticket(store, .general, .low, at: at(w47, day: 1, hour: 9))
        try store.close(a.id.rawValue, resolution: nil, as: agent, now: at(w47, day: 1, hour: 15))
        let before = try stats(store, w47, now: at(w47.next, day: 0, hour: 8))
        #expect(before.resolutionTargetHours == 72)
        #expect(before.slaMetPercent == 100)
        #expect(before.kpis.first { $0.name == "Critical open" }?.actual == "0")
        // When both become critical (12h) in W48: the closed one's own SLA now reads "missed"
        try store.setPriority(a.id.rawValue, .critical, as: agent, now: at(w47.next, day: 1, hour: 9))
        try store.setPriority(b.id.rawValue, .critical, as: agent, now: at(w47.next, day: 1, hour: 9))
        #expect(try store.ticket(a.id.rawValue, as: agent).sla.met == false)
        // Then W47's target, SLA met and critical KPI are as they were
        let after = try stats(store, w47, now: at(w47.next, day: 2, hour: 8))
        #expect(figures(after) == figures(before))
        // while the week in progress sees the critical ticket now
        let now = try stats(store, w47.next, now: at(w47.next, day: 2, hour: 8))
        #expect(now.kpis.first { $0.name == "Critical open" }?.actual == "1")
    }

    @Test func aWaitingTicketPastItsOldDueTimeIsNotABreach() throws {
        // Given a billing/high ticket (24h) answered after 1h: it waits on the user
        let store = try Fixture.store()
        let a = try ticket(store, at: at(w47, day: 0, hour: 9))
        try store.reply(a.id.rawValue, body: "Pouvez-vous réessayer ?", as: agent, now: at(w47, day: 0, hour: 10))
        let waiting = try store.ticket(a.id.rawValue, as: agent)
        #expect(waiting.status == .waiting)
        // When the week ends with it still waiting, days past created + 24h
        let s = try stats(store, w47, now: at(w47.next, day: 1, hour: 0))
        // Then nothing breached: the clock stopped at the reply
        #expect(s.breaches == 0)
        #expect(!s.recommendations.contains { $0.contains("breached") })
        #expect(waiting.sla.state(now: at(w47.next, day: 1, hour: 0), policy: .default) != .breached)
    }

    @Test func breachesAreTheSLABreachedEventsOfTheWeek() throws {
        // Given three tickets; the runner recorded breaches of two of them, in W46 and in W47
        let store = try Fixture.store()
        let w46 = w47.previous
        let a = try ticket(store, at: at(w46, day: 2, hour: 9))
        let b = try ticket(store, at: at(w47, day: 1, hour: 9))
        let c = try ticket(store, at: at(w47, day: 1, hour: 10))
        try store.dbWriter.write { db in
            for (t, when) in [(a, at(w46, day: 3, hour: 9)), (b, at(w47, day: 2, hour: 9))] {
                try EventRow.insert(
                    db, TicketEvent(ticketID: t.id, kind: .slaBreached, actor: "triage", at: when, newValue: "c1"))
            }
        }
        // Then each week counts its own events — not the tickets' due times: c is past due at W47's end but the
        // runner has not recorded it, and a's breach stays in W46 though a is still open
        #expect(try stats(store, w46, now: at(w47.next, day: 0, hour: 1)).breaches == 1)
        let s = try stats(store, w47, now: at(w47.next, day: 0, hour: 1))
        #expect(s.breaches == 1)
        #expect(s.recommendations.contains("1 ticket breached the SLA: review the on-call rota and escalations"))
        _ = c
    }

    @Test func theWeekInProgressIsComparedWithTheSameSpanOfTheWeekBefore() throws {
        // Given W46 resolved one ticket on Monday and one on Thursday, and W47 one on Monday so far
        let store = try Fixture.store()
        let w46 = w47.previous
        for (opened, closed) in [(at(w46, day: 0, hour: 8), at(w46, day: 0, hour: 10)), (at(w46, day: 3, hour: 8), at(w46, day: 3, hour: 10))] {
            let t = try ticket(store, at: opened)
            try store.close(t.id.rawValue, resolution: nil, as: agent, now: closed)
        }
        let t = try ticket(store, at: at(w47, day: 0, hour: 8))
        try store.close(t.id.rawValue, resolution: nil, as: agent, now: at(w47, day: 0, hour: 9))
        // When it is Tuesday noon in W47
        let now = at(w47, day: 1, hour: 12)
        let s = try stats(store, w47, now: now)
        // Then W47 so far is compared with W46 up to Tuesday noon (1 vs 1), not with all of W46 (1 vs 2)
        #expect(s.isCurrentWeek)
        #expect(s.comparedSpan == w46.start..<at(w46, day: 1, hour: 12))
        #expect(s.resolvedChange == 0)
        // Once W47 is over it is compared with the whole of W46
        let past = try stats(store, w47, now: at(w47.next, day: 0, hour: 1))
        #expect(!past.isCurrentWeek)
        #expect(past.comparedSpan == w46.start..<w46.end)
        #expect(past.resolvedChange == -50)
    }

    @Test func theSpanComparedWithEndsAtTheSameHour() throws {
        // Given W46 resolved a ticket on Tuesday at 09:00 and another at 15:00, and W47 one on Monday
        let store = try Fixture.store()
        let w46 = w47.previous
        for hour in [9.0, 15.0] {
            let t = try ticket(store, at: at(w46, day: 1, hour: hour - 1))
            try store.close(t.id.rawValue, resolution: nil, as: agent, now: at(w46, day: 1, hour: hour))
        }
        let t = try ticket(store, at: at(w47, day: 0, hour: 8))
        try store.close(t.id.rawValue, resolution: nil, as: agent, now: at(w47, day: 0, hour: 9))
        // Then on Tuesday at noon W47 is level with W46 (one each), and at 16:00 behind it (one against two)
        #expect(try stats(store, w47, now: at(w47, day: 1, hour: 12)).resolvedChange == 0)
        #expect(try stats(store, w47, now: at(w47, day: 1, hour: 16)).resolvedChange == -50)
    }

    @Test func aPastWeeksKPIsAreAsOfItsEnd() throws {
        // Given, in W46, a critical ticket and a low one, both unassigned at the week's end
        let store = try Fixture.store()
        let w46 = w47.previous
        let x = try ticket(store, .technical, .critical, at: at(w46, day: 0, hour: 10))
        let y = try ticket(store, .general, .low, at: at(w46, day: 1, hour: 10))
        let z = try ticket(store, .general, .low, at: at(w46, day: 2, hour: 10))
        try store.assign(z.id.rawValue, to: "bob", as: agent, now: at(w46, day: 2, hour: 11))
        // When W47 assigns them, closes the critical one and opens another critical one, unassigned
        try store.assign(x.id.rawValue, to: "alice", as: agent, now: at(w47, day: 1, hour: 9))
        try store.assign(y.id.rawValue, to: "alice", as: agent, now: at(w47, day: 1, hour: 9))
        try store.close(x.id.rawValue, resolution: nil, as: agent, now: at(w47, day: 1, hour: 10))
        try ticket(store, .account, .critical, at: at(w47, day: 2, hour: 9))
        let now = at(w47, day: 3, hour: 12)
        // Then W46's KPIs are those of its end: 2 unassigned, 1 critical
        let past = try stats(store, w46, now: now)
        #expect(past.asOf == w46.end)
        #expect(past.kpis.first { $0.name == "Unassigned open" }?.actual == "2")
        #expect(past.kpis.first { $0.name == "Critical open" }?.actual == "1")
        #expect(past.recommendations.contains { $0.hasPrefix("2 open tickets had no assignee at the week's end") })
        // and W47's are those of now: the new critical one, unassigned
        let current = try stats(store, w47, now: now)
        #expect(current.asOf == now)
        #expect(current.kpis.first { $0.name == "Unassigned open" }?.actual == "1")
        #expect(current.kpis.first { $0.name == "Critical open" }?.actual == "1")
        // The per-day counters the past weeks read agree with the tickets as they are now
        let afterwards = try stats(store, w47, now: at(w47.next, day: 0, hour: 1))
        #expect(afterwards.kpis.map(\.actual).suffix(2) == current.kpis.map(\.actual).suffix(2))
        #expect(afterwards.backlogAtEnd == 3)
    }

    @Test func pastWeeksHaveNoReminders() throws {
        // Given a ticket waiting 24h+ for an agent
        let store = try Fixture.store()
        try ticket(store, at: at(w47, day: 0, hour: 9))
        let now = at(w47, day: 3, hour: 9)
        // Then this week lists it, a past week lists nothing
        #expect(try store.reminders(for: w47, as: agent, now: now).count == 1)
        #expect(try store.reminders(for: w47.previous, as: agent, now: now).isEmpty)
        #expect(throws: TicketError.self) { try store.reminders(for: w47.previous, as: owner, now: now) }
        // and the JSON keeps its shape with an empty list for a past week, whatever it is given
        let reminders = try store.reminders(as: agent, now: now)
        #expect(StatsJSON(try stats(store, w47, now: now), reminders: reminders).reminders.count == 1)
        #expect(StatsJSON(try stats(store, w47.previous, now: now), reminders: reminders).reminders.isEmpty)
    }

    @Test func ratingsBelongToTheWeekTheyWereGiven() throws {
        let store = try Fixture.store()
        let a = try ticket(store, at: at(w47, day: 0, hour: 9))
        try store.close(a.id.rawValue, resolution: nil, as: agent, now: at(w47, day: 0, hour: 10))
        try store.rate(a.id.rawValue, rating: 2, comment: nil, as: owner, now: at(w47, day: 1, hour: 9))
        try store.rate(a.id.rawValue, rating: 3, comment: nil, as: owner, now: at(w47, day: 1, hour: 10))
        // Rated again the week after: W47 keeps the ratings given in W47 (both of them)
        try store.rate(a.id.rawValue, rating: 5, comment: nil, as: owner, now: at(w47.next, day: 1, hour: 9))
        let now = at(w47.next, day: 2, hour: 0)
        #expect(try stats(store, w47, now: now).satisfactionDistribution == [0, 1, 1, 0, 0])
        #expect(try stats(store, w47.next, now: now).satisfactionDistribution == [0, 0, 0, 0, 1])
    }

    @Test func theWeeklyQueriesAreIndexLookUpsWithoutASort() throws {
        let store = try Fixture.store()
        let plans = try store.dbWriter.read { db in
            try [
                DayCounts.sumSQL.replacingOccurrences(of: "?", with: "1"),
                "SELECT COUNT(*) FROM closes WHERE closed_at >= 1 AND closed_at < 2 AND counted",
                "SELECT seconds FROM closes WHERE week = 1 AND counted = 1 ORDER BY seconds LIMIT 2 OFFSET 3",
                "SELECT seconds FROM responses WHERE week = 1 ORDER BY seconds LIMIT 2 OFFSET 3",
                "SELECT COUNT(*) FROM events WHERE kind = 'sla_breached' AND at >= 1 AND at < 2",
            ].map { sql in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ") }
        }
        for plan in plans {
            #expect(plan.contains("USING COVERING INDEX") || plan.contains("PRIMARY KEY"), "\(plan)")
            #expect(!plan.contains("SCAN") && !plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }

    @Test func aSeededStoresWeeksAgreeWithItsRows() throws {
        // Given a seeded store (bulk counters, not the write path), every week's figures equal those computed
        // directly from the rows: tickets by category, closes, first responses and rating events
        let store = try Fixture.store()
        let now = Fixture.t0
        try store.seed(tickets: 600, weeks: 4, seed: 7, now: now)
        var week = ISOWeek(containing: now)
        for _ in 0..<5 {
            let stats = try stats(store, week, now: now)
            let (start, end) = (week.start.timeIntervalSince1970, min(week.end, now).timeIntervalSince1970)
            let expected = try store.dbWriter.read { db in
                (
                    opened: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets WHERE created_at >= ? AND created_at < ?", arguments: [start, end])!,
                    resolved: try Double.fetchAll(
                        db, sql: "SELECT closed_at - created_at FROM closes WHERE counted AND closed_at >= ? AND closed_at < ?",
                        arguments: [start, end]),
                    responses: try Double.fetchAll(
                        db, sql: "SELECT first_response_at - created_at FROM tickets WHERE first_response_at >= ? AND first_response_at < ?",
                        arguments: [start, end]),
                    ratings: try Int.fetchAll(
                        db, sql: "SELECT CAST(new_value AS INTEGER) FROM events WHERE kind = 'rated' AND at >= ? AND at < ?",
                        arguments: [start, end])
                )
            }
            let reference = WeeklyStats(
                sample: WeekSample(week: week, resolutions: expected.resolved.map { .init(seconds: $0, slaHours: 0, met: true) },
                    firstResponses: expected.responses, ratings: expected.ratings),
                policy: .default)
            #expect(stats.opened == expected.opened, "\(week)")
            #expect(stats.resolved == reference.resolved, "\(week)")
            #expect(stats.medianResolutionHours == reference.medianResolutionHours, "\(week)")
            #expect(close(stats.meanResolutionHours, reference.meanResolutionHours), "\(week)")
            #expect(stats.medianFirstResponseHours == reference.medianFirstResponseHours, "\(week)")
            #expect(close(stats.meanFirstResponseHours, reference.meanFirstResponseHours), "\(week)")
            #expect(stats.satisfactionDistribution == reference.satisfactionDistribution, "\(week)")
            week = week.previous
        }
    }

    private func close(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): abs(a - b) < 1e-9
        default: false
        }
    }

    @Test func categorySharesAreByCurrentCategory() throws {
        // Given two tickets opened in W47 as general, one moved to billing in the week after
        let store = try Fixture.store()
        var ids: [String] = []
        for hour in [9.0, 10] {
            ids.append(
                try store.create(
                    NewTicket(requester: Fixture.owner, subject: "s", category: .general, priority: .low, description: "d"),
                    as: .user(Fixture.owner), now: at(w47, day: 1, hour: hour)
                ).id.rawValue)
        }
        try store.setCategory(ids[0], .billing, as: agent, now: at(w47.next, day: 1, hour: 9))
        // Then W47 counts it under billing (SPEC §5: by current category), W48 opened nothing
        let now = at(w47.next, day: 2, hour: 0)
        let shares = try stats(store, w47, now: now).categoryShares.map { "\($0.category.rawValue) \($0.count)" }
        #expect(shares.sorted() == ["billing 1", "general 1"])
        #expect(try stats(store, w47.next, now: now).opened == 0)
    }

    @Test func theDayCountersHaveOneColumnPerCounter() throws {
        let store = try Fixture.store()
        let columns = try store.dbWriter.read { db in try db.columns(in: "day_counts").map(\.name) }
        #expect(Set(columns) == Set(["day"] + DayCounts.columnNames))
    }

    @Test func mediansAreExactWhateverTheWeeksVolume() throws {
        // Given 7 tickets resolved in one week after 1…7 hours (and one the week before, which must not count)
        let store = try Fixture.store()
        for hours in [5.0, 1, 7, 3, 2, 6, 4] {
            let id = try store.create(
                NewTicket(requester: Fixture.owner, subject: "s", category: .general, priority: .low, description: "d"),
                as: .user(Fixture.owner), now: at(w47, day: 2, hour: 0)
            ).id.rawValue
            try store.reply(id, body: "on it", as: agent, now: at(w47, day: 2, hour: hours / 2))
            try store.close(id, resolution: nil, as: agent, now: at(w47, day: 2, hour: hours))
        }
        let early = try store.create(
            NewTicket(requester: Fixture.owner, subject: "s", category: .general, priority: .low, description: "d"),
            as: .user(Fixture.owner), now: at(w47.previous, day: 2, hour: 0)
        ).id.rawValue
        try store.close(early, resolution: nil, as: agent, now: at(w47.previous, day: 2, hour: 50))
        let now = at(w47.next, day: 0, hour: 1)
        // Then the medians are the middle values, 4 h and 2 h, and an eighth makes it the mean of the middle two
        var stats = try stats(store, w47, now: now)
        #expect(stats.medianResolutionHours == 4)
        #expect(stats.medianFirstResponseHours == 2)
        #expect(stats.meanResolutionHours == 4)
        let eighth = try store.create(
            NewTicket(requester: Fixture.owner, subject: "s", category: .general, priority: .low, description: "d"),
            as: .user(Fixture.owner), now: at(w47, day: 3, hour: 0)
        ).id.rawValue
        try store.close(eighth, resolution: nil, as: agent, now: at(w47, day: 3, hour: 8))
        stats = try self.stats(store, w47, now: now)
        #expect(stats.medianResolutionHours == 4.5)
        #expect(stats.resolved == 8)
    }
}

/// `v7-stats-history` rebuilds the history of a store written before it from the tickets and their events.
@Suite struct StatsHistoryMigrationTests {
    let w47 = ISOWeek(containing: Fixture.t0)
    let agent = Fixture.agent
    let owner = Principal.user(Fixture.owner)

    func at(_ week: ISOWeek, day: Int, hour: Double) -> Date {
        week.start.addingTimeInterval(Double(day) * 86_400 + hour * 3600)
    }

    func ticket(_ store: TicketStore, _ category: Category, _ priority: Priority, at date: Date) throws -> String {
        try store.create(
            NewTicket(requester: Fixture.owner, subject: "s", category: category, priority: priority, description: "d"), as: owner,
            now: date
        ).id.rawValue
    }

    @Test func theBackfillRebuildsWhatTheWritesRecord() throws {
        // Given a store whose history was recorded by the writes: closes, a reopen, assignments, a re-prioritisation
        let queue = try DatabaseQueue()
        let store = try TicketStore(queue)
        let w48 = w47.next
        let a = try ticket(store, .billing, .high, at: at(w47, day: 0, hour: 9))
        try store.assign(a, to: "bob", as: agent, now: at(w47, day: 0, hour: 10))
        try store.close(a, resolution: nil, as: agent, now: at(w47, day: 0, hour: 19))
        try store.reopen(a, as: owner, now: at(w47, day: 2, hour: 9))
        try store.close(a, resolution: nil, as: agent, now: at(w47, day: 5, hour: 9))
        let b = try ticket(store, .general, .low, at: at(w47, day: 1, hour: 8))
        try store.setPriority(b, .critical, as: agent, now: at(w47, day: 2, hour: 8))
        let c = try ticket(store, .technical, .medium, at: at(w47, day: 1, hour: 10))
        try store.assign(c, to: "amy", as: agent, now: at(w47, day: 1, hour: 11))
        try store.reply(c, body: "Pouvez-vous préciser ?", as: agent, now: at(w47, day: 2, hour: 10))
        try store.assign(c, to: nil, as: agent, now: at(w47, day: 3, hour: 10))
        try store.close(c, resolution: nil, as: agent, now: at(w47, day: 4, hour: 10))
        let d = try ticket(store, .account, .critical, at: at(w48, day: 0, hour: 9))
        try store.close(d, resolution: nil, as: agent, now: at(w48, day: 0, hour: 10))
        try store.rate(d, rating: 4, comment: nil, as: owner, now: at(w48, day: 1, hour: 9))
        try store.rate(d, rating: 2, comment: nil, as: owner, now: at(w48, day: 2, hour: 9))
        try store.setCategory(b, .billing, as: agent, now: at(w48, day: 2, hour: 10))
        let closesSQL = "SELECT * FROM closes ORDER BY ticket_id, cycle"
        let daysSQL = "SELECT * FROM day_counts ORDER BY day"
        let (closes, days) = try queue.read { db in (try Row.fetchAll(db, sql: closesSQL), try Row.fetchAll(db, sql: daysSQL)) }
        #expect(closes.count == 4)
        let responsesSQL = "SELECT * FROM responses ORDER BY ticket_id"
        let responses = try queue.read { db in try Row.fetchAll(db, sql: responsesSQL) }
        #expect(responses.count == 1)
        // When the history is taken away (a store from before v7, where a reopen took its close back) and the
        // migrations run again
        try queue.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    DROP INDEX closes_counted; DROP INDEX closes_week; DROP INDEX responses_week; DROP INDEX events_breached_at;
                    DROP TABLE closes; DROP TABLE responses;
                    \(DayCounts.columnNames.filter { !["opened", "closed"].contains($0) }
                        .map { "ALTER TABLE day_counts DROP COLUMN \($0);" }.joined(separator: "\n"))
                    UPDATE day_counts SET closed = 99;
                    DELETE FROM grdb_migrations WHERE identifier IN ('v7-stats-history', 'v8-stats-sums');
                    """)
        }
        try Schema.migrator.migrate(queue)
        // Then the closes and the day counters are the same as the writes recorded
        let (rebuilt, rebuiltDays) = try queue.read { db in (try Row.fetchAll(db, sql: closesSQL), try Row.fetchAll(db, sql: daysSQL)) }
        #expect(rebuilt == closes)
        #expect(rebuiltDays == days)
        #expect(try queue.read { db in try Row.fetchAll(db, sql: responsesSQL) } == responses)
        // and the breaches the runner was not there to record are events: a's second cycle closed late, and b
        // (critical, open, unanswered) is past due
        let breaches = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT ticket_id, new_value FROM events WHERE kind = 'sla_breached' ORDER BY ticket_id")
                .map { "\($0[0] as String) \($0[1] as String)" }
        }
        #expect(breaches.sorted() == ["\(a) c2", "\(b) c1"].sorted())
        _ = (c, d)
    }
}
