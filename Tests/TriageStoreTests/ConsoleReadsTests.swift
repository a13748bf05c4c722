import Foundation
import Testing
import TriageCore

@testable import TriageStore

/// The store reads the console's keys lean on: the agent roster and the draft markers.
@Suite struct ConsoleReadsTests {
    @Test func theRosterHasTheAgentsAtWorkAndTheStaffTokensOnly() throws {
        // Given agents who acted, an assignee, staff and user tokens, and users and the runner acting too
        let store = try Fixture.store()
        let a = try Fixture.ticket(store).id.rawValue
        let b = try Fixture.ticket(store, subject: "Autre").id.rawValue
        try store.assign(a, to: "Bruno", as: .agent("alice"), now: Fixture.at(1))
        try store.reply(b, body: "note", internal: true, as: .agent("chloe"), now: Fixture.at(1))
        try store.reply(b, body: "merci", as: .user(Fixture.owner), now: Fixture.at(2))
        _ = try store.createToken(role: .agent, userID: nil, name: "dmitri", as: Fixture.admin, now: Fixture.at(0))
        let revoked = try store.createToken(role: .admin, userID: nil, name: "old-admin", as: Fixture.admin, now: Fixture.at(0))
        try store.revokeToken(String(revoked.token.id), as: Fixture.admin, now: Fixture.at(1))
        _ = try store.createToken(role: .service, userID: nil, name: "shellia", as: Fixture.admin, now: Fixture.at(0))
        // When the console asks for the roster
        let roster = try store.agentRoster(as: .agent("alice"))
        // Then: agents from events, assignees and staff tokens, sorted, once each whatever the case; no user ids,
        // no service token, no revoked token, not the automation runner
        #expect(roster == ["alice", "Bruno", "chloe", "dmitri"])
        #expect(throws: TicketError.self) { try store.agentRoster(as: .user(Fixture.owner)) }
    }

    @Test func theConsolesDetailHasTheLatestEventsInOrder() throws {
        // Given a ticket with a long history
        let store = try Fixture.store()
        let id = try Fixture.ticket(store).id.rawValue
        for i in 1...40 { try store.assign(id, to: "agent\(i)", as: .agent("alice"), now: Fixture.at(Double(i))) }
        let all = try store.detail(id, as: .agent("alice")).events
        // When the console asks for the last few
        let recent = try store.detail(id, as: .agent("alice"), recentEvents: 5).events
        // Then they are the last five, oldest first, with the ticket's id
        #expect(all.count == 41)
        #expect(recent == Array(all.suffix(5)))
        #expect(recent.last?.newValue == "agent40")
        #expect(try store.detail(id, as: .user(Fixture.owner), recentEvents: 5).events.isEmpty)
    }

    @Test func draftKindsAreTheAgentsOwnOnly() throws {
        let store = try Fixture.store()
        let a = try Fixture.ticket(store).id
        let b = try Fixture.ticket(store, subject: "Autre").id
        try store.saveDraft("Bonjour", kind: .reply, ticket: a.rawValue, as: .agent("alice"), now: Fixture.at(1))
        try store.saveDraft("à voir", kind: .note, ticket: a.rawValue, as: .agent("alice"), now: Fixture.at(1))
        try store.saveDraft("Hello", kind: .reply, ticket: b.rawValue, as: .agent("bruno"), now: Fixture.at(1))
        #expect(try store.draftKinds(as: .agent("alice")) == [a: [.reply, .note]])
        // A draft emptied (sent or discarded) is gone
        try store.saveDraft("", kind: .note, ticket: a.rawValue, as: .agent("alice"), now: Fixture.at(2))
        #expect(try store.draftKinds(as: .agent("alice")) == [a: [.reply]])
        #expect(try store.draftKinds(as: .user(Fixture.owner)).isEmpty)
    }
}
