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

    @Test func theCountsAndTheChangesAreReadFromIndexes() throws {
        let store = try Fixture.store()
        let plans = try store.dbWriter.read { db in
            try [
                "SELECT COALESCE(SUM(assignee IS NULL), 0), COALESCE(SUM(priority_rank = 0), 0) FROM tickets INDEXED BY tickets_queue WHERE queue_rank IS NOT NULL",
                "SELECT ticket_id FROM ticket_changes WHERE seq > 1 LIMIT 10",
            ].map { try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + $0).map { $0["detail"] as String }.joined(separator: "; ") }
        }
        #expect(plans[0].contains("COVERING INDEX tickets_queue"), "\(plans[0])")
        #expect(plans[1].contains("COVERING INDEX ticket_changes_seq"), "\(plans[1])")
    }
}
