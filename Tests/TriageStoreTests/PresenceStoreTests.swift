import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// Presence in the store: heartbeats and fresh drafts, one place per agent, stale after `Presence.freshness`.
@Suite struct PresenceStoreTests {
    @Test func anAgentIsOnOneTicketAtATimeAndWritingWinsOverViewing() throws {
        let store = try Fixture.store()
        let a = try Fixture.ticket(store)
        let b = try Fixture.ticket(store, subject: "Autre")
        let bruno = Principal.agent("bruno")
        let now = Fixture.at(1)
        try store.heartbeat(a.id, as: bruno, now: now)
        try store.heartbeat(b.id, as: bruno, now: now)  // he moved on: a is no longer his
        try store.saveDraft("Je regarde", kind: .note, ticket: a.id.rawValue, as: .agent("chloé"), now: now)
        try store.heartbeat(a.id, as: .agent("chloé"), now: now)
        let seen = try store.presence(as: Fixture.agent, now: now.addingTimeInterval(5))
        #expect(seen[b.id] == [Presence(agent: "bruno", activity: .viewing)])
        #expect(seen[a.id] == [Presence(agent: "chloé", activity: .noting)])
        // Nobody sees themselves, users see nothing, and 30 s later it is all stale
        #expect(try store.presence(as: bruno, now: now)[b.id] == nil)
        #expect(try store.presence(as: .user(Fixture.owner), now: now).isEmpty)
        #expect(try store.presence(as: Fixture.agent, now: now.addingTimeInterval(31)).isEmpty)
        // An empty heartbeat ends his presence; heartbeats are for staff
        try store.heartbeat(nil, as: bruno, now: now.addingTimeInterval(2))
        #expect(try store.presence(as: Fixture.agent, now: now.addingTimeInterval(3))[b.id] == nil)
        #expect(Outcome { try store.heartbeat(a.id, as: .user(Fixture.owner), now: now) } == .forbidden)
        // and they never move the ticket counter (no console reloads for them)
        let version = try store.ticketVersion()
        try store.heartbeat(a.id, typing: .note, as: bruno, now: now.addingTimeInterval(4))
        #expect(try store.ticketVersion() == version)
    }

    @Test func theFreshRowsAreReadFromIndexes() throws {
        let store = try Fixture.store()
        let plans = try store.dbWriter.read { db in
            try [
                "SELECT ticket_id, agent FROM agent_views WHERE opened_at > 5 AND agent <> 'a'",
                "SELECT ticket_id, agent, kind FROM drafts WHERE updated_at > 5 AND agent <> 'a'",
            ].map { try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + $0).map { $0["detail"] as String }.joined(separator: "; ") }
        }
        #expect(plans[0].contains("agent_views_opened"), "\(plans[0])")
        #expect(plans[1].contains("drafts_updated"), "\(plans[1])")
    }
}
