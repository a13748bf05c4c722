import Foundation
import Testing
import TriageBackendSupport
import TriageCore
import TriageStore

@testable import TriageAPI

/// `POST /api/commands` through the router: who may run what, and every bad body answered by name, never a 5xx.
@Suite struct CommandEndpointTests {
    static let owner = APIFixture.owner.description

    static func body(_ text: String, user: String? = owner, locale: String? = nil, name: String? = nil) -> String {
        var fields: [String: String] = ["text": text]
        if let user { fields["user_id"] = user }
        if let locale { fields["locale"] = locale }
        if let name { fields["user_name"] = name }
        return String(decoding: try! JSONEncoder().encode(fields), as: UTF8.self)
    }

    @Test(arguments: Backend.enabled)
    func aServiceTokenRunsTheCommandForTheUserItNames(backend: Backend) async throws {
        try await withAPI(backend) { fixture in
            try await fixture.run { api in
                // Given the bot relaying a member's !ticket_create / When it posts it
                let reply = try await api.post(
                    "/api/commands", as: "service", Self.body(#"!ticket_create "Paiement refusé" billing high Ma carte"#, name: "Alice"))
                // Then the answer is the text to post, for a ticket of that member
                #expect(reply.status == .ok)
                let text = try #require(reply.json["reply"] as? String)
                #expect(text.hasPrefix("✅ Ticket créé !") && text.contains("📍 Place dans la file : 1"))
                let id = try #require(reply.json["ticket_id"] as? String)
                #expect(try await fixture.tickets.ticket(id, as: .user(APIFixture.owner)).requesterName == "Alice")
                #expect(reply.json["failed"] as? Bool == false)
                // Viewed and listed through the same relay
                let view = try await api.post("/api/commands", as: "service", Self.body("!ticket_view \(id)", locale: "en-US"))
                #expect((view.json["reply"] as? String ?? "").contains("Paiement refusé"))
            }
        }
    }

    @Test(arguments: Backend.enabled)
    func theServiceSeesExactlyTheUsersScope(backend: Backend) async throws {
        try await withAPI(backend) { fixture in
            let foreign = try await fixture.ticket(for: APIFixture.other)
            try await fixture.run { api in
                let reply = try await api.post("/api/commands", as: "service", Self.body("!ticket_view \(foreign.id)", locale: "en-US"))
                #expect(reply.status == .ok)
                #expect(reply.json["reply"] as? String == "❌ No ticket \(foreign.id). Check the number with !ticket_list.")
            }
        }
    }

    @Test(arguments: Backend.enabled)
    func staffTokensRunAsStaffAndUserTokensForThemselvesOnly(backend: Backend) async throws {
        try await withAPI(backend) { fixture in
            try await fixture.run { api in
                let stats = try await api.post("/api/commands", as: "agent", Self.body("!ticket_stats", user: nil))
                #expect(stats.status == .ok && (stats.json["reply"] as? String ?? "").hasPrefix("📈 Stats Tickets"))
                let own = try await api.post("/api/commands", as: "owner", Self.body("!ticket_list"))
                #expect(own.status == .ok && (own.json["reply"] as? String ?? "").hasPrefix("📭"))
                let mismatch = try await api.post("/api/commands", as: "other", Self.body("!ticket_list"))
                #expect(mismatch.status == .forbidden && mismatch.errorCode == "forbidden")
                let userStats = try await api.post("/api/commands", as: "owner", Self.body("!ticket_stats"))
                #expect(userStats.status == .ok && userStats.json["failed"] as? Bool == true)
            }
        }
    }

    static let badBodies: [(String, String?, Int, String?)] = [
        ("{not json", "service", 400, nil),
        ("[1, 2]", "service", 400, nil),
        (#"{"user_id": "123456789012345678"}"#, "service", 422, "text"),
        (#"{"user_id": "123456789012345678", "text": 42}"#, "service", 422, "text"),
        (#"{"text": "!ticket_list"}"#, "service", 422, "user_id"),
        (#"{"user_id": "abc", "text": "!ticket_list"}"#, "service", 422, "user_id"),
        (#"{"text": "!ticket_list"}"#, nil, 401, nil),
        // The requester's name is checked as on POST /api/tickets, whoever the token (even when the command is refused)
        (
            "{\"user_id\": \"123456789012345678\", \"text\": \"!ticket_list\", \"user_name\": \"\(String(repeating: "0", count: 101))\"}",
            "service", 422, "user_name"
        ),
        (#"{"text": "!ticket_create \"x\" billing high y", "user_name": "a\u0007b"}"#, "agent", 422, "user_name"),
    ]

    @Test(arguments: badBodies)
    func badBodiesAreNamed(_ body: String, _ token: String?, _ status: Int, _ field: String?) async throws {
        try await APIFixture().run { api in
            let reply = try await api.call(.post, "/api/commands", as: token, body: body)
            #expect(reply.status.code == status)
            #expect(reply.errorField == field)
        }
    }

    @Test(arguments: [
        "!ticket_create \"x\" billling high y", "", "!ticket_view TKT", String(repeating: "!ticket_reply ", count: 3000),
        "!ticket_create \"" + String(repeating: "é", count: 20_000), "\u{0}\u{202E}!ticket_list",
    ])
    func anyTextIsAnAnswerNeverAnError(_ text: String) async throws {
        try await APIFixture().run { api in
            let reply = try await api.post("/api/commands", as: "service", Self.body(text))
            #expect(reply.status == .ok)
            let answer = try #require(reply.json["reply"] as? String)
            #expect(answer.hasPrefix("❌") && answer.unicodeScalars.count <= CommandText.limit)
        }
    }
}
