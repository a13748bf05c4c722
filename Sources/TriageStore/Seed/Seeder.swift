import Foundation
import GRDB
import TriageCore

/// What a seeding run did.
public struct SeedReport: Sendable {
    public var tickets: Int
    public var messages: Int
    public var events: Int
    public var seconds: Double
}

extension TicketStore {
    /// Fills the store with `tickets` realistic tickets created over the `weeks` weeks before `now`, deterministically
    /// from `seed`: French and English subjects in every category, many users, several agents, replies, internal
    /// notes, waiting periods, ratings, breaches, closed and open tickets.
    ///
    /// Built for volume (a million tickets in about a minute): bulk inserts with prepared statements in chunked
    /// transactions, and the secondary indexes rebuilt once at the end of a large load.
    @discardableResult
    public func seed(
        tickets count: Int, weeks: Int, seed: UInt64, now: Date, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(TicketError) -> SeedReport {
        guard count >= 0 else { throw .invalidField(field: "tickets", message: "tickets must be 0 or more") }
        guard weeks >= 1 else { throw .invalidField(field: "weeks", message: "weeks must be 1 or more") }
        let started = Date()
        let existing = try counts().values.reduce(0, +)
        let existingIDs = existing == 0 ? [] : try reading { db in try String.fetchAll(db, sql: "SELECT id FROM tickets") }
        let bulk = count >= 20_000
        let chunk = 10_000
        // Two cores: one thread invents the histories while this one writes them.
        let chunks = ChunkQueue(capacity: 3)
        let policy = self.policy
        Thread.detachNewThread {
            var rng = SeededGenerator(seed: seed ^ (UInt64(existing) &* 0x2545_F491_4F6C_DD1D))
            var used = Set(existingIDs)
            let window = Double(weeks) * 7 * 86_400
            let users = max(50, count / 8)
            var made = 0
            while made < count {
                var batch: [SimulatedTicket] = []
                batch.reserveCapacity(min(chunk, count - made))
                for _ in 0..<min(chunk, count - made) {
                    var id = TicketID.random(using: &rng)
                    while !used.insert(id.rawValue).inserted { id = TicketID.random(using: &rng) }
                    // Recent weeks are busier than old ones (a growing community).
                    let createdAt = now.addingTimeInterval(-window * pow(rng.unit(), 1.3))
                    batch.append(DemoHistory.simulate(id: id, createdAt: createdAt, now: now, users: users, policy: policy, using: &rng))
                }
                made += batch.count
                if !chunks.put(batch) { return }
            }
            chunks.finish()
        }
        defer { chunks.cancel() }
        var report = SeedReport(tickets: 0, messages: 0, events: 0, seconds: 0)
        var days: [Int: DayCounts] = [:]
        // Demo users get their display names (most of them: `DemoContent.requesterName`) with their first ticket.
        var named: Set<UserID> = []
        do {
            try dbWriter.writeWithoutTransaction { db in
                // A bulk load may skip fsync (a crash mid-seed leaves a store to re-seed) and use a large page cache.
                // The generated histories are consistent by construction, so a bulk load skips the foreign-key
                // look-ups (one per message and event) and the per-row counter trigger, and bumps the counter once.
                try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
                if bulk { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON") }
                // The indexes and triggers a bulk load does without, exactly as the migrations made them.
                let suspended = bulk ? try Self.suspendIndexesAndTriggers(db) : []
                while let batch = chunks.take() {
                    try db.inTransaction(.immediate) {
                        let insertTicket = try db.cachedStatement(sql: TicketRow.insertSQL)
                        let insertMessage = try RawInsert(
                            db,
                            sql:
                                "INSERT INTO messages (ticket_id, author_kind, author, body, internal, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                        )
                        let insertEvent = try RawInsert(
                            db, sql: "INSERT INTO events (ticket_id, kind, actor, at, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)")
                        let insertTag = try db.cachedStatement(sql: "INSERT OR IGNORE INTO tags (ticket_id, tag) VALUES (?, ?)")
                        let insertRating = try db.cachedStatement(
                            sql: "INSERT OR REPLACE INTO ratings (ticket_id, rating, comment, rated_at) VALUES (?, ?, ?, ?)")
                        let insertClose = try db.cachedStatement(sql: Self.insertCloseSQL)
                        let insertResponse = try db.cachedStatement(sql: Self.insertResponseSQL)
                        let insertName = try db.cachedStatement(
                            sql: "INSERT INTO requesters (user_id, name, updated_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING")
                        for sim in batch {
                            let id = sim.ticket.id.rawValue
                            try insertTicket.execute(arguments: TicketRow.insertArguments(sim.ticket))
                            let user = sim.ticket.userID
                            if named.insert(user).inserted, let name = DemoContent.requesterName(for: user) {
                                try insertName.execute(arguments: [user.description, name, sim.ticket.createdAt.timeIntervalSince1970])
                            }
                            for m in sim.messages {
                                insertMessage.bind(1, id)
                                insertMessage.bind(2, m.authorKind.rawValue)
                                insertMessage.bind(3, m.author)
                                insertMessage.bind(4, m.body)
                                insertMessage.bind(5, m.isInternal)
                                insertMessage.bind(6, m.createdAt.timeIntervalSince1970)
                                try insertMessage.run(db)
                            }
                            for e in sim.events {
                                insertEvent.bind(1, id)
                                insertEvent.bind(2, e.kind.rawValue)
                                insertEvent.bind(3, e.actor)
                                insertEvent.bind(4, e.at.timeIntervalSince1970)
                                insertEvent.bind(5, e.oldValue)
                                insertEvent.bind(6, e.newValue)
                                try insertEvent.run(db)
                            }
                            for tag in sim.ticket.tags { try insertTag.execute(arguments: [id, tag]) }
                            if let s = sim.ticket.satisfaction {
                                try insertRating.execute(arguments: [id, s.rating, s.comment, s.ratedAt.timeIntervalSince1970])
                            }
                            // The history the weekly stats read: the close of its (only) cycle, its first response, the day counters.
                            let created = sim.ticket.createdAt
                            if let closed = sim.ticket.closedAt {
                                let sla = sim.ticket.sla
                                try insertClose.execute(arguments: [
                                    id, sla.cycle, closed.timeIntervalSince1970, created.timeIntervalSince1970, sla.budget.hours,
                                    sla.dueAt.timeIntervalSince1970, sla.met ?? false, true, Self.weekNumber(day: Self.day(closed)),
                                    Self.duration(from: created, to: closed),
                                ])
                            }
                            if let responded = sim.ticket.firstResponseAt {
                                try insertResponse.execute(arguments: [
                                    id, responded.timeIntervalSince1970, Self.weekNumber(day: Self.day(responded)),
                                    Self.duration(from: created, to: responded),
                                ])
                            }
                            Self.historyCounts(of: sim, into: &days)
                            report.messages += sim.messages.count
                            report.events += sim.events.count
                        }
                        return .commit
                    }
                    report.tickets += batch.count
                    progress?(report.tickets)
                }
                try db.inTransaction(.immediate) {
                    for (day, counts) in days { try Self.addDayCounts(db, counts, day: day) }
                    try Self.adoptBulkTickets(db, policy: policy, now: now)
                    for sql in suspended { try db.execute(sql: sql) }
                    try db.execute(sql: "UPDATE ticket_version SET value = value + 1 WHERE id = 1")
                    if bulk {
                        try Self.recountQueue(db)
                        // The per-row triggers were off: tell every reader of `ticket_changes` to reload everything.
                        try db.execute(
                            sql: """
                                INSERT INTO ticket_changes (ticket_id, seq) VALUES ('*', (SELECT value FROM ticket_version WHERE id = 1))
                                ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq
                                """)
                    }
                    return .commit
                }
                if bulk { try db.execute(sql: "ANALYZE") }
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw Self.mapped(error)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Counts the queue again from the tickets (after a bulk load, which writes with the triggers off).
    static func recountQueue(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE queue_counts SET (open, waiting, critical, unassigned) = (
                    SELECT COALESCE(SUM(queue_rank = 0), 0), COALESCE(SUM(queue_rank = 1), 0), COALESCE(SUM(priority_rank = 0), 0),
                           COALESCE(SUM(assignee IS NULL), 0)
                    FROM tickets WHERE queue_rank IS NOT NULL)
                WHERE id = 1
                """)
    }

    /// Drops the secondary indexes and triggers of the tables a bulk load writes (tickets, their messages, events and
    /// ratings, the stats history) and returns the SQL that made them, read from the schema itself, to run again
    /// once the load is done.
    static func suspendIndexesAndTriggers(_ db: Database) throws -> [String] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name IN ('tickets', 'messages', 'events', 'ratings', 'closes', 'responses'))
                                           OR (type = 'trigger' AND tbl_name = 'tickets'))
                ORDER BY type, name
                """)
        for row in rows {
            try db.execute(sql: "DROP \((row["type"] as String).uppercased()) \((row["name"] as String))")
        }
        return rows.map { $0["sql"] }
    }
}

/// A small bounded hand-off between the thread that simulates histories and the one that writes them.
final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [[SimulatedTicket]] = []
    private var finished = false
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Blocks while full; false once the consumer has gone.
    func put(_ batch: [SimulatedTicket]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch, or nil when the producer is done.
    func take() -> [SimulatedTicket]? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
