import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// A fresh in-memory store per test with one token per role, and the API's router on it with a fixed clock.
struct APIFixture {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    static let owner = UserID(123_456_789_012_345_678)
    static let other = UserID(UInt64.max)
    static let admin = Principal.admin("root")

    let store: TicketStore
    /// Secrets by name: `owner` and `other` (user tokens), `service`, `agent`, `admin`.
    let tokens: [String: String]

    init() throws {
        store = try TicketStore(DatabaseQueue())
        var tokens: [String: String] = [:]
        for (name, role, user) in [
            ("owner", Role.user, Self.owner), ("other", .user, Self.other), ("service", .service, nil), ("agent", .agent, nil),
            ("admin", .admin, nil),
        ] as [(String, Role, UserID?)] {
            tokens[name] = try store.createToken(
                role: role, userID: user, name: name == "agent" ? "alice" : name, as: Self.admin, now: Self.t0
            )
            .secret
        }
        self.tokens = tokens
    }

    /// Runs `test` against the router, with no sockets.
    func run(_ test: @Sendable (APIClient) async throws -> Void) async throws {
        var logger = Logger(label: "triage.api.tests")
        logger.logLevel = .warning
        let app = Application(router: buildRouter(store: store, now: { Self.t0.addingTimeInterval(3600) }), logger: logger)
        try await app.test(.router) { client in try await test(APIClient(client: client, tokens: tokens)) }
    }

    /// Opens a ticket for `user` directly in the store.
    @discardableResult
    func ticket(for user: UserID = owner, subject: String = "Paiement refusé 💳", _ category: TriageCore.Category = .billing)
        throws -> Ticket
    {
        try store.create(
            NewTicket(requester: user, subject: subject, category: category, priority: .high, description: "Ma carte est refusée."),
            as: .user(user), now: Self.t0)
    }
}

/// An answer, with its body as text and as parsed JSON.
struct Reply: CustomStringConvertible {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    var errorCode: String? { error["code"] as? String }
    var errorField: String? { error["field"] as? String }
    var tickets: [[String: Any]] { json["tickets"] as? [[String: Any]] ?? [] }
    var ticketIDs: Set<String> { Set(tickets.compactMap { $0["ticket_id"] as? String }) }
    var description: String { "\(status.code) \(text)" }
}

/// Sends requests as one of the fixture's tokens (by name), or with raw headers.
struct APIClient {
    let client: any TestClientProtocol
    let tokens: [String: String]

    func call(
        _ method: HTTPRequest.Method, _ uri: String, as tokenName: String? = nil, body: String? = nil, headers: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = headers
        if let tokenName { headers[.authorization] = "Bearer \(tokens[tokenName] ?? tokenName)" }
        return try await send(method, uri, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields, body: ByteBuffer?) async throws -> Reply {
        try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }

    func get(_ uri: String, as token: String) async throws -> Reply { try await call(.get, uri, as: token) }
    func post(_ uri: String, as token: String, _ body: String) async throws -> Reply { try await call(.post, uri, as: token, body: body) }
}
