import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// Idempotent creates (issue 10): a retry with the same `Idempotency-Key` from the same token within 24 hours gets
/// the first answer again and opens nothing; the same key with another body is a 422.
@Suite struct IdempotencyTests {
    static let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "0b6f2c1e-retry-1"]
    static let body = #"{"user_id": "123456789012345678", "category": "billing", "subject": "Paiement", "description": "Refusé"}"#

    /// A clock the test moves.
    final class Clock: Sendable {
        let date = Mutex(APIFixture.t0)
        func set(_ offset: TimeInterval) { date.withLock { $0 = APIFixture.t0.addingTimeInterval(offset) } }
    }

    /// The fixture's router on `clock`.
    func run(_ fixture: APIFixture, clock: Clock, _ test: @Sendable (APIClient) async throws -> Void) async throws {
        var logger = Logger(label: "triage.api.tests")
        logger.logLevel = .warning
        let app = Application(router: buildRouter(store: fixture.store, now: { clock.date.withLock { $0 } }), logger: logger)
        try await app.test(.router) { client in try await test(APIClient(client: client, tokens: fixture.tokens)) }
    }

    func ticketCount(_ fixture: APIFixture) throws -> Int {
        try fixture.store.queue(QueueFilter(limit: 500), as: APIFixture.admin).tickets.count
    }

    @Test func aRetriedCreateGetsTheFirstAnswerAndOpensOneTicket() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            // Given a create with a key
            let first = try await api.call(.post, "/api/tickets", as: "service", body: Self.body, headers: Self.key)
            #expect(first.status == .created, "\(first)")
            // When the bot retries it, with the same body written differently
            let retryBody = #"{"description": "Refusé",  "subject": "Paiement", "category": "billing", "user_id": 123456789012345678}"#
            let retry = try await api.call(.post, "/api/tickets", as: "service", body: retryBody, headers: Self.key)
            // Then it gets the first answer again, and there is one ticket
            #expect(retry.status == .created)
            #expect(retry.text == first.text)
            #expect(retry.headers[.location] == first.headers[.location])
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(first.headers[HTTPField.Name("Idempotent-Replayed")!] == nil)
            #expect(try ticketCount(fixture) == 1)
            // And without a key, a second create opens a second ticket
            #expect(try await api.post("/api/tickets", as: "service", Self.body).status == .created)
            #expect(try ticketCount(fixture) == 2)
        }
    }

    @Test func theSameKeyWithAnotherBodyIs422() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            _ = try await api.call(.post, "/api/tickets", as: "service", body: Self.body, headers: Self.key)
            let other = Self.body.replacingOccurrences(of: "Paiement", with: "Autre chose")
            let reply = try await api.call(.post, "/api/tickets", as: "service", body: other, headers: Self.key)
            #expect(reply.status == .unprocessableContent, "\(reply)")
            #expect(reply.errorField == "Idempotency-Key")
            #expect(try ticketCount(fixture) == 1)
            // A bad key is refused by name
            let bad = try await api.call(
                .post, "/api/tickets", as: "service", body: Self.body, headers: [HTTPField.Name("Idempotency-Key")!: "has space"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorField == "Idempotency-Key")
        }
    }

    @Test func anotherCallerWithTheSameKeyIsIndependent() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let service = try await api.call(.post, "/api/tickets", as: "service", body: Self.body, headers: Self.key)
            let agent = try await api.call(.post, "/api/tickets", as: "agent", body: Self.body, headers: Self.key)
            #expect(service.status == .created)
            #expect(agent.status == .created)
            #expect(agent.json["ticket_id"] as? String != service.json["ticket_id"] as? String)
            #expect(try ticketCount(fixture) == 2)
        }
    }

    @Test func aKeyIsForgottenAfter24Hours() async throws {
        let fixture = try APIFixture()
        let clock = Clock()
        try await run(fixture, clock: clock) { api in
            let first = try await api.call(.post, "/api/tickets", as: "service", body: Self.body, headers: Self.key)
            clock.set(86_399)
            let retry = try await api.call(.post, "/api/tickets", as: "service", body: Self.body, headers: Self.key)
            #expect(retry.text == first.text)
            #expect(try ticketCount(fixture) == 1)
            // A day later the key is new again: a second ticket
            clock.set(86_400)
            let late = try await api.call(.post, "/api/tickets", as: "service", body: Self.body, headers: Self.key)
            #expect(late.status == .created)
            #expect(late.text != first.text)
            #expect(try ticketCount(fixture) == 2)
        }
    }

    @Test func aRetriedReplyAddsOneMessage() async throws {
        let fixture = try APIFixture()
        let ticket = try fixture.ticket()
        try await fixture.run { api in
            let path = "/api/tickets/\(ticket.id)/reply"
            let first = try await api.call(.post, path, as: "owner", body: #"{"message": "Toujours refusée"}"#, headers: Self.key)
            let retry = try await api.call(.post, path, as: "owner", body: #"{"message": "Toujours refusée"}"#, headers: Self.key)
            #expect(first.status == .created, "\(first)")
            #expect(retry.status == .created)
            #expect(retry.text == first.text)
            let other = try await api.call(.post, path, as: "owner", body: #"{"message": "Autre"}"#, headers: Self.key)
            #expect(other.status == .unprocessableContent)
            #expect(try fixture.store.thread(ticket.id.rawValue, as: APIFixture.admin).messages.count == 1)
        }
    }
}
