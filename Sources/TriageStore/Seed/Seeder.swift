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
        var rng = SeededGenerator(seed: seed ^ (UInt64(existing) &* 0x2545_F491_4F6C_DD1D))
        let window = Double(weeks) * 7 * 86_400
        let users = max(50, count / 8)
        let bulk = count >= 20_000
        var report = SeedReport(tickets: 0, messages: 0, events: 0, seconds: 0)
        var days: [Int: (opened: Int, closed: Int)] = [:]
        var used = Set<String>()
        do {
            try dbWriter.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = OFF")
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                if bulk { try Self.dropIndexes(db) }
                let chunk = 25_000
                var done = 0
                while done < count {
                    let size = min(chunk, count - done)
                    try db.inTransaction(.immediate) {
                        let insertTicket = try db.cachedStatement(sql: TicketRow.insertSQL)
                        let insertMessage = try db.cachedStatement(
                            sql: "INSERT INTO messages (ticket_id, author_kind, author, body, internal, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                        let insertEvent = try db.cachedStatement(
                            sql: "INSERT INTO events (ticket_id, kind, actor, at, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)")
                        let insertTag = try db.cachedStatement(sql: "INSERT OR IGNORE INTO tags (ticket_id, tag) VALUES (?, ?)")
                        let insertRating = try db.cachedStatement(
                            sql: "INSERT OR REPLACE INTO ratings (ticket_id, rating, comment, rated_at) VALUES (?, ?, ?, ?)")
                        for _ in 0..<size {
                            var id = TicketID.random(using: &rng)
                            while try !used.insert(id.rawValue).inserted
                                || (!bulk && Bool.fetchOne(db, sql: "SELECT 1 FROM tickets WHERE id = ?", arguments: [id.rawValue]) == true)
                            {
                                id = TicketID.random(using: &rng)
                            }
                            // Recent weeks are busier than old ones (a growing community), weekdays busier than weekends.
                            let age = window * pow(rng.unit(), 1.3)
                            let createdAt = now.addingTimeInterval(-age)
                            let sim = DemoHistory.simulate(id: id, createdAt: createdAt, now: now, users: users, policy: policy, using: &rng)
                            try insertTicket.execute(arguments: TicketRow.insertArguments(sim.ticket))
                            for m in sim.messages {
                                try insertMessage.execute(arguments: [
                                    id.rawValue, m.authorKind.rawValue, m.author, m.body, m.isInternal, m.createdAt.timeIntervalSince1970,
                                ])
                            }
                            for e in sim.events {
                                try insertEvent.execute(arguments: [
                                    id.rawValue, e.kind.rawValue, e.actor, e.at.timeIntervalSince1970, e.oldValue, e.newValue,
                                ])
                            }
                            for tag in sim.ticket.tags { try insertTag.execute(arguments: [id.rawValue, tag]) }
                            if let s = sim.ticket.satisfaction {
                                try insertRating.execute(arguments: [id.rawValue, s.rating, s.comment, s.ratedAt.timeIntervalSince1970])
                            }
                            days[Self.day(createdAt), default: (0, 0)].opened += 1
                            if let closed = sim.ticket.closedAt { days[Self.day(closed), default: (0, 0)].closed += 1 }
                            report.messages += sim.messages.count
                            report.events += sim.events.count
                        }
                        return .commit
                    }
                    done += size
                    report.tickets = done
                    progress?(done)
                }
                try db.inTransaction(.immediate) {
                    for (day, counts) in days {
                        try db.execute(
                            sql: """
                                INSERT INTO day_counts (day, opened, closed) VALUES (?, ?, ?)
                                ON CONFLICT (day) DO UPDATE SET opened = opened + excluded.opened, closed = closed + excluded.closed
                                """,
                            arguments: [day, counts.opened, counts.closed])
                    }
                    if bulk { for index in Schema.indexes { try db.execute(sql: index) } }
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

    static func dropIndexes(_ db: Database) throws {
        for sql in Schema.indexes {
            let words = sql.split(whereSeparator: \.isWhitespace)
            if let on = words.firstIndex(of: "ON") {
                try db.execute(sql: "DROP INDEX IF EXISTS \(words[on - 1])")
            }
        }
    }
}
