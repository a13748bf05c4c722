import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// The store's additions for the API server: group commit, read-only token checks, the API's ticket read, and
/// checkpoints taken off the commits.
@Suite struct TicketStoreAPITests {
    static func new(_ user: UserID = Fixture.owner, subject: String = "Paiement refusé") -> NewTicket {
        NewTicket(requester: user, subject: subject, category: .billing, priority: .high, description: "Ma carte est refusée.")
    }

    @Test func createAllOpensEachTicketAsCreateDoesAndFailsOnlyTheBadOnes() throws {
        // Given a batch with two good requests, a blank subject and a user acting for someone else
        let store = try Fixture.store()
        let batch = [
            TicketCreation(Self.new(), as: .user(Fixture.owner), now: Fixture.at(0)),
            TicketCreation(Self.new(subject: "   "), as: .user(Fixture.owner), now: Fixture.at(0)),
            TicketCreation(Self.new(Fixture.other), as: .user(Fixture.owner), now: Fixture.at(0)),
            TicketCreation(
                Self.new(Fixture.other, subject: "  Compte bloqué "), as: .service(onBehalfOf: Fixture.other), now: Fixture.at(1)),
        ]
        // When they are committed together
        let results = store.createAll(batch)
        // Then the good ones are open with their SLA, event and notifications, and the bad ones say why
        #expect(results.count == 4)
        let first = try results[0].get()
        let last = try results[3].get()
        #expect(last.subject == "Compte bloqué")
        #expect(last.createdAt == Fixture.at(1))
        #expect(throws: TicketError.self) { try results[1].get() }
        if case .failure(let error) = results[1] { #expect(error.code == "invalid_field") }
        if case .failure(let error) = results[2] { #expect(error.code == "forbidden") }
        #expect(try store.counts()[.open] == 2)
        let detail = try store.detail(first.id.rawValue, as: Fixture.admin)
        #expect(detail.events.map(\.kind) == [.created])
        #expect(detail.ticket.sla.budget.hours == 24)
    }

    @Test func authenticateRequestIsAReadThatRecordsUseOncePerMinute() throws {
        let store = try Fixture.store()
        let (token, secret) = try store.createToken(role: .service, userID: nil, name: "bot", as: Fixture.admin, now: Fixture.at(0))
        // First use is recorded
        #expect(try store.authenticateRequest(secret, now: Fixture.at(1))?.id == token.id)
        #expect(try store.tokens(as: Fixture.admin)[0].lastUsedAt == Fixture.at(1))
        // Within a minute nothing is written; after a minute it is again
        _ = try store.authenticateRequest(secret, now: Fixture.at(1).addingTimeInterval(30))
        #expect(try store.tokens(as: Fixture.admin)[0].lastUsedAt == Fixture.at(1))
        _ = try store.authenticateRequest(secret, now: Fixture.at(1).addingTimeInterval(61))
        #expect(try store.tokens(as: Fixture.admin)[0].lastUsedAt == Fixture.at(1).addingTimeInterval(61))
        // Unknown and revoked secrets prove nothing
        #expect(try store.authenticateRequest(secret + "x", now: Fixture.at(2)) == nil)
        try store.revokeToken("bot", as: Fixture.admin, now: Fixture.at(2))
        #expect(try store.authenticateRequest(secret, now: Fixture.at(2)) == nil)
    }

    @Test func threadIsTheScopedDetailWithoutEvents() throws {
        let store = try Fixture.store()
        let id = try Fixture.ticket(store).id.rawValue
        try store.reply(id, body: "Bonjour", as: Fixture.agent, now: Fixture.at(1))
        try store.reply(id, body: "note", internal: true, as: Fixture.agent, now: Fixture.at(1))
        #expect(try store.thread(id, as: .user(Fixture.owner)).messages.map(\.body) == ["Bonjour"])
        #expect(try store.thread(id, as: Fixture.agent).messages.count == 2)
        #expect(try store.thread(id, as: Fixture.agent).events.isEmpty)
        #expect(throws: TicketError.noTicket(id)) { try store.thread(id, as: .user(Fixture.other)) }
    }

    @Test func deferredCheckpointsCopyTheWALOnTheirOwnConnection() throws {
        // An in-memory store has no WAL
        #expect(try Fixture.store().deferCheckpoints() == nil)
        // Given a file store whose commits no longer checkpoint
        let store = try TicketStore.open(path: Fixture.temporaryPath())
        let checkpointer = try #require(try store.deferCheckpoints())
        for n in 0..<50 { try Fixture.ticket(store, subject: "Ticket \(n)", at: Double(n)) }
        // When the checkpointer runs, every frame reaches the database file
        let result = try checkpointer.checkpoint()
        #expect(result.walFrames > 0)
        #expect(result.checkpointed == result.walFrames)
        #expect(try store.counts()[.open] == 50)
    }
}
