import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TriageBackendSupport
import TriageCore
import TriageStore

@testable import TriageAPI

/// The API on a fresh store of either backend, with `APIFixture`'s tokens and clock: on SQLite the production router
/// (`buildRouter(store:)`: its write thread and group commits), on PostgreSQL the contract's (`buildRouter(tickets:)`),
/// as `triage serve` builds each. Suites that hold for both run on `Backend.enabled`.
struct BackendFixture: Sendable {
    let backend: Backend
    let store: Backend.Store
    /// Secrets by name, as `APIFixture`'s: `owner`, `other`, `service`, `agent` (named alice), `admin`.
    let tokens: [String: String]

    var tickets: any TicketStoring { store.tickets }

    static func make(_ backend: Backend) async throws -> BackendFixture {
        let store = try await backend.make()
        var tokens: [String: String] = [:]
        for (name, role, user) in [
            ("owner", Role.user, APIFixture.owner), ("other", .user, APIFixture.other), ("service", .service, nil), ("agent", .agent, nil),
            ("admin", .admin, nil),
        ] as [(String, Role, UserID?)] {
            tokens[name] =
                try await store.tickets.createToken(
                    role: role, userID: user, name: name == "agent" ? "alice" : name, as: APIFixture.admin, now: APIFixture.t0
                ).secret
        }
        return BackendFixture(backend: backend, store: store, tokens: tokens)
    }

    /// An API server's router on this store (several may share it, as several servers share a database).
    /// `metrics`: what the serving process adds to `/metrics` (none: no `/metrics`).
    func router(
        metrics: (@Sendable () -> String)? = nil, now: @escaping @Sendable () -> Date = { APIFixture.t0.addingTimeInterval(3600) }
    ) -> Router<APIRequestContext> {
        if let sqlite = store.sqlite { return buildRouter(store: sqlite, metrics: metrics, now: now) }
        return buildRouter(tickets: store.tickets, metrics: metrics, now: now)
    }

    /// Runs `test` against one router, with no sockets.
    func run(_ test: @Sendable (APIClient) async throws -> Void) async throws {
        var logger = Logger(label: "triage.api.tests")
        logger.logLevel = .warning
        try await Application(router: router(), logger: logger).test(.router) { client in
            try await test(APIClient(client: client, tokens: tokens))
        }
    }

    /// Opens a ticket for `user` directly in the store.
    @discardableResult
    func ticket(for user: UserID = APIFixture.owner, subject: String = "Paiement refusé 💳", _ category: TriageCore.Category = .billing)
        async throws -> Ticket
    {
        try await tickets.create(
            NewTicket(requester: user, subject: subject, category: category, priority: .high, description: "Ma carte est refusée."),
            as: .user(user), now: APIFixture.t0)
    }
}

/// Runs `body` on a fresh `BackendFixture`, letting go of its store after, whether `body` succeeds or not.
func withAPI(_ backend: Backend, _ body: (BackendFixture) async throws -> Void) async throws {
    let fixture = try await BackendFixture.make(backend)
    do {
        try await body(fixture)
    } catch {
        await fixture.store.close()
        throw error
    }
    await fixture.store.close()
}
