import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// `queueChanges(since:)`: what a console reloads after a commit is what changed, not the whole queue.
@Suite struct QueueChangesTests {
    @Test func onlyTheChangedTicketsComeBackWithTheCounts() throws {
        // Given a queue of three tickets and a snapshot of it
        let store = try Fixture.store()
        let a = try Fixture.ticket(store, subject: "A", at: 0)
        let b = try Fixture.ticket(store, subject: "B", at: 1)
        _ = try Fixture.ticket(store, subject: "C", at: 2)
        let snapshot = try store.queueSnapshot(as: Fixture.agent, now: Fixture.at(3))
        // Nothing changed: nothing comes back
        let none = try store.queueChanges(since: snapshot.version, as: Fixture.agent, now: Fixture.at(3))
        #expect(none.changed == [] && none.removed.isEmpty && none.version == snapshot.version)
        #expect(none.summary == snapshot.summary)
        // When one is assigned and another closed
        try store.assign(a.id.rawValue, to: "bob", as: Fixture.agent, now: Fixture.at(4))
        try store.close(b.id.rawValue, resolution: nil, as: Fixture.agent, now: Fixture.at(4))
        let changes = try store.queueChanges(since: snapshot.version, as: Fixture.agent, now: Fixture.at(4))
        // Then the first comes back as it is now, the second as gone, with the new counts
        #expect(changes.changed?.map(\.id) == [a.id])
        #expect(changes.changed?.first?.assignee == "bob")
        #expect(changes.removed == [b.id])
        #expect(changes.summary.open == 2 && changes.summary.unassigned == 1)
        #expect(changes.version > snapshot.version)
        // And asking again from the new version gives nothing
        #expect(try store.queueChanges(since: changes.version, as: Fixture.agent, now: Fixture.at(4)).changed == [])
    }

    @Test func aBulkLoadOrTooManyChangesAskForAWholeSnapshot() throws {
        let store = try Fixture.store()
        let version = try store.queueSnapshot(as: Fixture.agent, now: Fixture.t0).version
        for hour in 0..<4 { try Fixture.ticket(store, subject: "T\(hour)", at: Double(hour)) }
        #expect(try store.queueChanges(since: version, as: Fixture.agent, now: Fixture.at(5), limit: 3).changed == nil)
        #expect(try store.queueChanges(since: version, as: Fixture.agent, now: Fixture.at(5), limit: 4).changed?.count == 4)
        // A bulk seed turns the per-row triggers off and files `*`
        try store.seed(tickets: 20_000, weeks: 1, seed: 1, now: Fixture.at(6))
        let after = try store.queueSnapshot(as: Fixture.agent, now: Fixture.at(6), limit: 1).version
        #expect(try store.queueChanges(since: version + 4, as: Fixture.agent, now: Fixture.at(6)).changed == nil)
        #expect(try store.queueChanges(since: after, as: Fixture.agent, now: Fixture.at(6)).changed == [])
    }

    @Test func theKeptCountsAlwaysEqualACountOfTheQueue() throws {
        // Given every kind of write: creations, assignment, priority, waiting, close, reopen, and a bulk seed
        let store = try Fixture.store()
        func expectAgreement(_ moment: String, now: Date) throws {
            let kept = try store.queueSnapshot(as: Fixture.agent, now: now, limit: 1).summary
            let counted = try store.dbWriter.read { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COALESCE(SUM(queue_rank = 0), 0), COALESCE(SUM(queue_rank = 1), 0), COALESCE(SUM(queue_rank = 0 AND queue_key < ?), 0),
                          COALESCE(SUM(priority_rank = 0), 0), COALESCE(SUM(assignee IS NULL), 0)
                        FROM tickets WHERE queue_rank IS NOT NULL
                        """, arguments: [now.timeIntervalSince1970])!
            }
            #expect(
                [kept.open, kept.waiting, kept.breached, kept.critical, kept.unassigned]
                    == [counted[0], counted[1], counted[2], counted[3], counted[4]] as [Int], "\(moment)")
            // The breached and warning counts (ranges in SQL) agree with each open ticket's own SLA state.
            let policy = store.policy
            let states = try store.queueSnapshot(as: Fixture.agent, now: now, limit: 100_000).tickets
                .filter { $0.status == .open }.map { $0.sla.state(now: now, policy: policy) }
            #expect(kept.breached == states.filter { $0 == .breached }.count, "\(moment)")
            #expect(kept.warning == states.filter { $0 == .warning }.count, "\(moment)")
        }
        let a = try Fixture.ticket(store, .billing, .critical, subject: "A", at: 0)
        let b = try Fixture.ticket(store, .general, .low, subject: "B", at: 1)
        let c = try Fixture.ticket(store, .technical, .medium, subject: "C", at: 2)
        try expectAgreement("created", now: Fixture.at(3))
        try store.assign(a.id.rawValue, to: "bob", as: Fixture.agent, now: Fixture.at(3))
        try store.setPriority(b.id.rawValue, .critical, as: Fixture.agent, now: Fixture.at(3))
        try store.setStatus(c.id.rawValue, .waiting, as: Fixture.agent, now: Fixture.at(3))
        try expectAgreement("changed", now: Fixture.at(4))
        try store.close(a.id.rawValue, resolution: nil, as: Fixture.agent, now: Fixture.at(5))
        try store.close(c.id.rawValue, resolution: nil, as: Fixture.agent, now: Fixture.at(5))
        try expectAgreement("closed", now: Fixture.at(30))
        try store.reopen(a.id.rawValue, as: .user(Fixture.owner), now: Fixture.at(31))
        try expectAgreement("reopened", now: Fixture.at(31))
        try store.seed(tickets: 20_000, weeks: 1, seed: 2, now: Fixture.at(32))
        try expectAgreement("seeded in bulk", now: Fixture.at(32))
        let warning = try store.queueSnapshot(as: Fixture.agent, now: Fixture.at(32), limit: 1).summary.warning
        #expect(warning > 0)
    }

    @Test func theCountsAndTheChangesAreReadFromIndexes() throws {
        let store = try Fixture.store()
        let plans = try store.dbWriter.read { db in
            try [
                "SELECT COUNT(*) FROM tickets INDEXED BY tickets_queue WHERE queue_rank = 0 AND queue_key < 5",
                "SELECT ticket_id FROM ticket_changes WHERE seq > 1 LIMIT 10",
            ].map { try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + $0).map { $0["detail"] as String }.joined(separator: "; ") }
        }
        #expect(plans[0].contains("COVERING INDEX tickets_queue"), "\(plans[0])")
        #expect(plans[1].contains("COVERING INDEX ticket_changes_seq"), "\(plans[1])")
    }
}

/// What the console reads after a commit comes in one read: the changes, the changed tickets' escalations and seen
/// marks, and the detail on screen when it is among them.
@Suite struct QueueChangesOneReadTests {
    @Test func theDetailOnScreenComesWithTheChangesOnlyWhenItChanged() throws {
        // Given two tickets, alice having opened the first
        let store = try Fixture.store()
        let a = try Fixture.ticket(store, subject: "A", at: 0)
        let b = try Fixture.ticket(store, subject: "B", at: 1)
        try store.markSeen(a.id, at: a.updatedAt, as: Fixture.agent)
        let version = try store.queueSnapshot(as: Fixture.agent, now: Fixture.at(2)).version
        // When bob replies on it (with an internal note too)
        try store.reply(a.id.rawValue, body: "Bonjour", as: .agent("bob"), now: Fixture.at(2))
        try store.reply(a.id.rawValue, body: "note", internal: true, as: .agent("bob"), now: Fixture.at(2))
        // Then alice's read brings its detail, its new seen state (unread: someone else moved it), in the same answer
        let changes = try store.queueChanges(since: version, as: Fixture.agent, now: Fixture.at(2), detail: a.id, detailEvents: 2)
        #expect(changes.detail?.ticket.id == a.id)
        #expect(changes.detail?.messages.map(\.body).suffix(2) == ["Bonjour", "note"])
        #expect(changes.detail?.events.count == 2)
        #expect(changes.detail == (try store.detail(a.id.rawValue, as: Fixture.agent, recentEvents: 2)))
        #expect(changes.seen[a.id]?.unread == true)
        // But not when the ticket on screen is not among the changes
        let other = try store.queueChanges(since: version, as: Fixture.agent, now: Fixture.at(2), detail: b.id)
        #expect(other.detail == nil && other.changed?.map(\.id) == [a.id])
    }

    @Test func theDueCountsAreLeftToAReaderThatHoldsTheTickets() throws {
        let store = try Fixture.store()
        let a = try Fixture.ticket(store, subject: "A", at: 0)
        let version = try store.queueSnapshot(as: Fixture.agent, now: Fixture.at(30)).version
        try store.assign(a.id.rawValue, to: "bob", as: Fixture.agent, now: Fixture.at(30))
        let counted = try store.queueChanges(since: version, as: Fixture.agent, now: Fixture.at(30))
        let left = try store.queueChanges(since: version, as: Fixture.agent, now: Fixture.at(30), countDue: false)
        // Counted: the ticket is breached (high: 24 h); left to the reader: 0 and said so; the kept counts are the same
        #expect(counted.summary.dueCounted && counted.summary.breached == 1)
        #expect(!left.summary.dueCounted && left.summary.breached == 0 && left.summary.warning == 0)
        #expect(left.summary.open == counted.summary.open && left.summary.unassigned == counted.summary.unassigned)
    }
}
