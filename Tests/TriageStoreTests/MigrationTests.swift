import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

@Suite struct MigrationTests {
    @Test func aNewStoreHasEveryMigration() throws {
        let queue = try DatabaseQueue()
        _ = try TicketStore(queue)
        let applied = try queue.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v1-tickets", "v2-tokens", "v3-drafts", "v4-outbox", "v5-ticket-version", "v6-automation", "v7-stats-history", "v8-stats-sums",
            "v9-requester-names", "v10-ticket-changes", "v11-queue-counts", "v12-agent-views", "v13-discord-interactions", "v14-idempotency",
            "v15-outbox-dead-index", "v16-vocabulary-checks",
        ])
        #expect(try queue.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") } == true)
    }

    /// A store's schema as text: every table, index and trigger with the SQL that made it, in name order.
    static func schema(_ db: Database) throws -> String {
        try Row.fetchAll(
            db, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).map { "-- \($0["type"] as String) \($0["name"] as String)\n\($0["sql"] as String);" }.joined(separator: "\n")
    }

    /// The migrations are frozen: a new store's schema is exactly the one written down in `FrozenSchema.swift`. A
    /// change there comes with a new migration (and this file updated), never an edit of an old one.
    @Test func aNewStoreHasTheFrozenSchema() throws {
        let queue = try DatabaseQueue()
        _ = try TicketStore(queue)
        let schema = try queue.read(Self.schema)
        #expect(schema == frozenSchema, "\(schema)")
    }

    /// A store made by the first migration alone and upgraded by the others ends with the same schema as a new one.
    @Test func anUpgradedStoreHasTheSameSchemaAsANewOne() throws {
        let old = try DatabaseQueue()
        try Schema.migrator.migrate(old, upTo: "v1-tickets")
        _ = try TicketStore(old)
        #expect(try old.read(Self.schema) == frozenSchema)
    }

    /// The outbox's live counts (health, metrics, `triage outbox`) read each status from its partial index, never the
    /// delivered history; and no index over every new (pending) row is left but those the runner claims with.
    @Test func outboxCountsReadOnlyPartialIndexes() throws {
        let queue = try DatabaseQueue()
        _ = try TicketStore(queue)
        try queue.read { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'outbox_dead'")
            #expect(sql?.contains("WHERE status = 'dead'") == true)
            #expect(try String.fetchOne(db, sql: "SELECT name FROM sqlite_master WHERE name = 'outbox_status'") == nil)
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + TicketStore.liveCountsSQL).map { $0["detail"] as String }
            #expect(plan.filter { $0.hasPrefix("SCAN outbox") }.count == 3, "\(plan)")
            #expect(plan.filter { $0.hasPrefix("SCAN outbox") }.allSatisfy { $0.contains("USING INDEX") }, "\(plan)")
        }
    }

    @Test func anOlderFileIsUpgradedKeepingItsTickets() throws {
        // Given a file at the first schema version, with a ticket in it
        let path = Fixture.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: "v1-tickets")
            try pool.write { db in
                let sla = SLAClock.replay([SLATimedEvent(at: Fixture.t0, event: .created(.general, .low))], policy: .default)!
                try TicketRow.insert(
                    db,
                    Ticket(
                        id: TicketID("TKTOLD001")!, userID: Fixture.owner, subject: "old", description: "old", category: .general,
                        priority: .low, createdAt: Fixture.t0, sla: sla))
            }
        }
        // When a current Triage opens it
        let store = try TicketStore.open(path: path)
        // Then it is upgraded and the old ticket is intact and usable
        #expect(try store.ticket("TKTOLD001", as: Fixture.agent).subject == "old")
        _ = try store.createToken(role: .agent, userID: nil, name: "t", as: Fixture.admin, now: Fixture.t0)
        try store.saveDraft("x", kind: .note, ticket: "TKTOLD001", as: Fixture.agent, now: Fixture.t0)
    }

    @Test func aFileFromANewerVersionIsRefused() throws {
        let path = Fixture.temporaryPath()
        _ = try TicketStore.open(path: path)
        let pool = try DatabasePool(path: path)
        try pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        #expect {
            try TicketStore.open(path: path)
        } throws: { error in
            (error as? TicketError)?.description.contains("newer version of Triage") == true
        }
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let path = Fixture.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("this is not sqlite, just text that is long enough to look like a header........".utf8).write(
            to: URL(fileURLWithPath: path))
        #expect(throws: TicketError.self) { try TicketStore.open(path: path) }
    }

    @Test func theChangeMonitorSeesOtherConnectionsCommits() throws {
        let path = Fixture.temporaryPath()
        let store = try TicketStore.open(path: path)
        let monitor = try ChangeMonitor(store: store)
        #expect(try monitor.hasChanged())
        #expect(try !monitor.hasChanged())
        // A commit from another connection (another process in real life)
        let other = try TicketStore.open(path: path)
        try Fixture.ticket(other)
        #expect(try monitor.hasChanged())
        #expect(try !monitor.hasChanged())
        // A write through the same store is seen too (it uses its own writer connection)
        let ticket = try Fixture.ticket(store)
        #expect(try monitor.hasChanged())
        // A draft is not a ticket change: no reload for every keystroke
        try store.saveDraft("brouillon", kind: .reply, ticket: ticket.id.rawValue, as: Fixture.agent, now: Fixture.t0)
        #expect(try !monitor.hasChanged())
        try store.assign(ticket.id.rawValue, to: "bob", as: Fixture.agent, now: Fixture.t0)
        #expect(try monitor.hasChanged())
    }

    @Test func seedingIsDeterministicAndRealistic() throws {
        let a = try Fixture.store()
        let b = try Fixture.store()
        let now = Fixture.t0
        let report = try a.seed(tickets: 400, weeks: 4, seed: 42, now: now)
        try b.seed(tickets: 400, weeks: 4, seed: 42, now: now)
        #expect(report.tickets == 400)
        let qa = try a.queue(QueueFilter(limit: 500), as: Fixture.agent).tickets
        let qb = try b.queue(QueueFilter(limit: 500), as: Fixture.agent).tickets
        #expect(qa == qb)
        let counts = try a.counts()
        #expect(counts[.closed, default: 0] > 100)
        #expect(counts[.open, default: 0] > 5)
        #expect(counts[.waiting, default: 0] > 0)
        // French and English, internal notes, ratings
        let subjects = qa.map(\.subject).joined(separator: " ")
        #expect(subjects.contains { "éèàç".contains($0) })
        let stats = try a.weeklyStats(ISOWeek(containing: now).previous, as: Fixture.agent, now: now)
        #expect(stats.opened > 0 && stats.resolved > 0)
        #expect(stats.satisfactionMean != nil)
        // Replayed SLA columns agree with the queue order the core defines
        #expect(qa.map(\.id) == qa.inQueueOrder().map(\.id))
    }
}
