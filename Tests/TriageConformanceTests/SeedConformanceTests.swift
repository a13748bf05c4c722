import Foundation
import GRDB
import Testing
import TriageBackendSupport
import TriageCore
import TriagePostgres
import TriageStore

/// `triage seed` on PostgreSQL: a seeded SQLite store bulk-loaded into an empty PostgreSQL store reads the same there
/// (the queue, every week's stats, the metrics, the threads), a runner does not page the loaded backlog, and only a
/// superuser loads, only into an empty store.
@Suite struct SeedConformanceTests {
    static let weeks = 4

    @Test("a seeded history loaded into PostgreSQL reads as it does on SQLite", .enabled(if: Backend.enabled.contains(.postgres)))
    func seededLoad() async throws {
        let now = C.t0
        let seeded = try TicketStore(DatabaseQueue())
        let report = try seeded.seed(tickets: 300, weeks: Self.weeks, seed: 11, now: now)
        let location = try await PGServer.database()
        do {
            try await check(seeded, report: report, location: location, now: now)
        } catch {
            await PGServer.drop(location)
            throw error
        }
        await PGServer.drop(location)
    }

    func check(_ seeded: TicketStore, report: SeedReport, location: PostgresLocation, now: Date) async throws {
        // Only a superuser loads (it turns the triggers off for its transaction)
        let app = location.user(PostgresSchema.loginRole)
        await #expect(throws: TicketError.self) { _ = try await PostgresBulkLoad.prepare(app) }
        #expect(try await PostgresBulkLoad.prepare(location) == SLAPolicy.default)
        var after: String?
        var batches = 0
        let loaded = try await PostgresBulkLoad.load(
            location,
            next: { () throws(TicketError) -> [BulkRows]? in
                let batch = try seeded.bulkExport(after: after, limit: 120)
                guard let last = batch.last else { return nil }
                (after, batches) = (last, batches + 1)
                return batch.rows
            }, shared: try seeded.bulkExportShared())
        #expect(loaded == report.tickets && batches == 3)
        // A store with tickets is not loaded again
        await #expect(throws: TicketError.self) { _ = try await PostgresBulkLoad.prepare(location) }

        let postgres = try await PostgresTicketStore.connect(app, baseURL: TicketURL.defaultBase, connections: 2)
        defer { Task { await postgres.shutdown() } }
        let sqlite = SQLiteTicketStore(seeded)
        // The queue: the same tickets in the same order, every field (the SLA clocks included)
        let queue = QueueFilter(limit: 500)
        let liteQueue = try await sqlite.queue(queue, as: C.agent, after: nil).tickets
        #expect(!liteQueue.isEmpty)
        #expect(try await postgres.queue(queue, as: C.agent, after: nil).tickets == liteQueue)
        let closed = QueueFilter(status: .closed, limit: 500)
        #expect(try await postgres.queue(closed, as: C.agent, after: nil).tickets == sqlite.queue(closed, as: C.agent, after: nil).tickets)
        // Every week's figures, from the history the load copied (the triggers did not run)
        var week = ISOWeek(containing: now)
        for _ in 0...Self.weeks {
            let lite = StatsJSON(try await sqlite.weeklyStats(week, as: C.agent, now: now), reminders: [])
            #expect(StatsJSON(try await postgres.weeklyStats(week, as: C.agent, now: now), reminders: []) == lite, "\(week)")
            week = week.previous
        }
        #expect(try await postgres.metrics(now: now) == sqlite.metrics(now: now))
        // A thread and its log, and the requester's own view of it
        for ticket in liteQueue.prefix(5) {
            let id = ticket.id.rawValue
            let (lite, pg) = (try await sqlite.detail(id, as: C.agent), try await postgres.detail(id, as: C.agent))
            #expect(pg.ticket == lite.ticket)
            #expect(
                pg.messages.map { [$0.author, $0.body, "\($0.isInternal)", "\($0.createdAt)"] }
                    == lite.messages.map {
                        [$0.author, $0.body, "\($0.isInternal)", "\($0.createdAt)"]
                    })
            #expect(
                pg.events.map { [$0.kind.rawValue, $0.actor, "\($0.at)"] } == lite.events.map { [$0.kind.rawValue, $0.actor, "\($0.at)"] })
            let own = try await postgres.thread(id, as: .user(ticket.userID))
            #expect(own.messages.count == lite.messages.filter { !$0.isInternal }.count)
        }
        // The loaded backlog's warnings, breaches and pages are facts already: a runner records none of them again
        let run = try await postgres.runDueTimers(now: now, inactivity: InactivityRule(), limit: 1_000)
        #expect(run.tickets > 0 && run.facts == 0)
    }
}
