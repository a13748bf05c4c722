import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TriageCore
import TriageBackendSupport
import TriageStore

@testable import TriageAPI

/// Another process (the CLI, a console, the runner) holding the store's write lock never holds up a read, whoever asks.
@Suite struct LockedStoreTests {
    @Test func readsAndHealthAnswerWhileAnotherConnectionHoldsTheWriteLock() async throws {
        // Given a store file with a ticket and tokens never used, and a second connection holding BEGIN IMMEDIATE
        let path = LiveServerTests.temporaryStore()
        let store = try TicketStore.open(path: path)
        let ticket = try store.create(
            NewTicket(
                requester: APIFixture.owner, subject: "Paiement refusé", category: .billing, priority: .high, description: "Refusée."),
            as: .user(APIFixture.owner), now: APIFixture.t0)
        var secrets: [String: String] = [:]
        for (name, role, user) in [("alice", Role.agent, nil), ("bob", .agent, nil), ("owner", .user, APIFixture.owner)]
            as [(String, Role, UserID?)]
        {
            secrets[name] = try store.createToken(role: role, userID: user, name: name, as: APIFixture.admin, now: APIFixture.t0).secret
        }
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // the transaction outlives the access that opens it
        let holder = try DatabaseQueue(path: path, configuration: holding)
        try await holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let (now, tokens) = (APIFixture.t0.addingTimeInterval(3600), secrets)
        let app = Application(router: buildRouter(store: store, now: { now }), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let api = APIClient(client: client, tokens: tokens)
            // When the health check and reads from three fresh tokens arrive at once
            async let health = api.call(.get, "/api/health")
            async let alice = api.get("/api/tickets", as: "alice")
            async let bob = api.get("/api/tickets/\(ticket.id)", as: "bob")
            async let owner = api.get("/api/tickets/\(ticket.id)", as: "owner")
            let answers = try await [health, alice, bob, owner]
            // Then each is answered while the lock is still held, and no use has been written yet
            for answer in answers { #expect(answer.status == .ok, "\(answer)") }
            #expect(answers[1].ticketIDs == [ticket.id.rawValue])
            let probe = try DatabaseQueue(path: path)
            #expect(throws: DatabaseError.self) { try probe.write { db in try db.execute(sql: "DELETE FROM api_tokens WHERE 0") } }
            #expect(try store.tokens(as: APIFixture.admin).allSatisfy { $0.lastUsedAt == nil })
            // And once the lock is released, the uses are recorded off the request path, one after the other
            // (a write of a request's own may commit between them), once per token
            try await holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            let created = try await api.post(
                "/api/tickets", as: "owner", #"{"category": "general", "subject": "Après", "description": "Une écriture derrière"}"#)
            #expect(created.status == .created, "\(created)")
            func used() throws -> [String: Date?] {
                Dictionary(uniqueKeysWithValues: try store.tokens(as: APIFixture.admin).map { ($0.name, $0.lastUsedAt) })
            }
            let expected: [String: Date?] = ["alice": now, "bob": now, "owner": now]
            let recorded = try await eventually { try used() == expected }
            let final = try used()
            #expect(recorded, "\(final)")
        }
    }
}
