import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// Unread markers in the store (`agent_views`, v12): what each agent saw of a ticket, and whether it moved since by
/// someone else's hand.
@Suite struct AgentViewsTests {
    func seen(_ store: TicketStore, _ t: Ticket, as agent: Principal = Fixture.agent) throws -> LastSeen? {
        try store.lastSeen(as: agent)[t.id]
    }

    func open(_ store: TicketStore, _ t: Ticket, as agent: Principal = Fixture.agent) throws {
        try store.markSeen(t.id, at: try store.ticket(t.id.rawValue, as: agent).updatedAt, as: agent)
    }

    @Test func aTicketIsUnreadWhenSomeoneElseMovedItSinceTheAgentOpenedIt() throws {
        // Given alice opened a ticket
        let store = try Fixture.store()
        let t = try Fixture.ticket(store)
        #expect(try seen(store, t) == nil)  // never opened: not followed, not marked
        try open(store, t)
        #expect(try seen(store, t)?.unread == false)
        // When the user writes: unread; alice opens it: read
        try store.reply(t.id.rawValue, body: "Toujours refusée", as: .user(Fixture.owner), now: Fixture.at(1))
        #expect(try seen(store, t)?.unread == true)
        try open(store, t)
        #expect(try seen(store, t)?.unread == false)
        // Her own reply and status change are no news to her
        try store.reply(t.id.rawValue, body: "Pouvez-vous réessayer ?", as: Fixture.agent, now: Fixture.at(2))
        try store.setStatus(t.id.rawValue, .open, as: Fixture.agent, now: Fixture.at(3))
        #expect(try seen(store, t)?.unread == false)
        // A colleague's reassignment is
        try store.assign(t.id.rawValue, to: "bruno", as: .agent("bruno"), now: Fixture.at(4))
        #expect(try seen(store, t)?.unread == true)
        // and only to her: bruno never opened it
        #expect(try seen(store, t, as: .agent("bruno")) == nil)
    }

    @Test func aLateWriteNeverMovesTheMarkBackAndClosedTicketsAreLeftOut() throws {
        let store = try Fixture.store()
        let a = try Fixture.ticket(store)
        let b = try Fixture.ticket(store, subject: "Other")
        try open(store, a)
        try open(store, b)
        try store.reply(a.id.rawValue, body: "news", as: .user(Fixture.owner), now: Fixture.at(1))
        try open(store, a)
        try store.markSeen(a.id, at: Fixture.at(0), as: Fixture.agent)  // an older look arriving late
        #expect(try seen(store, a)?.unread == false)
        #expect(try store.lastSeen(of: [b.id], as: Fixture.agent).keys.sorted() == [b.id])
        try store.close(b.id.rawValue, resolution: nil, as: .agent("bruno"), now: Fixture.at(2))
        #expect(try store.lastSeen(as: Fixture.agent).keys.sorted() == [a.id])
        #expect(Outcome { try store.markSeen(a.id, at: Fixture.at(3), as: .user(Fixture.owner)) } == .forbidden)
        #expect(try store.lastSeen(as: .user(Fixture.owner)).isEmpty)
    }

    @Test func theReadsArePrimaryKeyLookUps() throws {
        let store = try Fixture.store()
        let plan = try store.dbWriter.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT v.ticket_id, v.seen_at,
                      t.updated_at > v.seen_at
                        AND COALESCE((SELECT e.actor FROM events e WHERE e.ticket_id = t.id ORDER BY e.id DESC LIMIT 1), '') <> v.agent
                    FROM agent_views v JOIN tickets t ON t.id = v.ticket_id
                    WHERE v.agent = 'alice' AND v.seen_at IS NOT NULL AND t.queue_rank IS NOT NULL
                    """
            ).map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("SEARCH v USING PRIMARY KEY (agent=?)"), "\(plan)")
        #expect(plan.contains("SEARCH e USING") && !plan.contains("SCAN"), "\(plan)")
        // The queue's own plan is untouched
        let queue = try store.queuePlan()
        #expect(queue.contains("USING INDEX tickets_queue") && !queue.contains("TEMP B-TREE"), "\(queue)")
        // And stays so whatever statistics the store holds: a 1M store's, copied as they were (the bulk seeder's
        // ANALYZE left none for tickets_queue), made SQLite's planner choose tickets_assignee and a sort of every
        // queued ticket.
        try store.dbWriter.write { db in
            try db.execute(sql: "ANALYZE")
            try db.execute(sql: "DELETE FROM sqlite_stat1 WHERE tbl = 'tickets'")
            try db.execute(
                sql: """
                    INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('tickets', 'tickets_assignee', '17089 1899 950'),
                      ('tickets', 'tickets_awaiting', '8528 1'), ('tickets', 'tickets_due', '1000000 1 1'),
                      ('tickets', 'tickets_first_response', '1000000 1 1'), ('tickets', 'tickets_closed', '1000000 1 1 1 1'),
                      ('tickets', 'tickets_created', '1000000 1 1'), ('tickets', 'tickets_user', '1000000 9 8'),
                      ('tickets', 'tickets', '1000000 1')
                    """)
            try db.execute(sql: "ANALYZE sqlite_schema")
        }
        let analysed = try TicketStore(store.dbWriter).queuePlan()
        #expect(analysed.contains("USING INDEX tickets_queue") && !analysed.contains("TEMP B-TREE"), "\(analysed)")
    }
}
