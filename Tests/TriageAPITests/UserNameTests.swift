import Foundation
import HTTPTypes
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// `user_name` (SPEC §2, §7): accepted on creation, validated by name, the newest kept, shown to staff and to the
/// user it belongs to, never to anyone else.
@Suite struct UserNameTests {
    static func body(name: String, user: String = "123456789012345678") -> String {
        #"{"user_id": "\#(user)", "user_name": \#(name), "category": "billing", "subject": "Paiement refusé", "description": "Carte refusée"}"#
    }

    @Test func theNameComesBackOnEveryTicketOfTheUser() async throws {
        // Given an older ticket of the user, opened without a name
        let fixture = try APIFixture()
        let older = try fixture.ticket()
        try await fixture.run { api in
            // When the bot opens one with the user's display name
            let created = try await api.post("/api/tickets", as: "service", Self.body(name: #""  Amélie 🌸 ""#))
            #expect(created.status == .created, "\(created)")
            let id = try #require(created.json["ticket_id"] as? String)
            // Then staff see the (trimmed) name on both tickets, in the list and in the detail
            let list = try await api.get("/api/tickets", as: "agent")
            #expect(list.tickets.map { $0["user_name"] as? String } == ["Amélie 🌸", "Amélie 🌸"], "\(list)")
            let detail = try await api.get("/api/tickets/\(older.id)", as: "agent")
            #expect(detail.json["user_name"] as? String == "Amélie 🌸")
            #expect(detail.json["user_id"] as? String == "123456789012345678")
            // And the user sees their own name
            let own = try await api.get("/api/tickets/\(id)", as: "owner")
            #expect(own.json["user_name"] as? String == "Amélie 🌸")
            // And a newer name replaces it everywhere
            #expect(try await api.post("/api/tickets", as: "owner", Self.body(name: #""Amélie""#)).status == .created)
            let renamed = try await api.get("/api/tickets", as: "agent")
            #expect(Set(renamed.tickets.map { $0["user_name"] as? String }) == ["Amélie"])
        }
    }

    @Test func noNameNoField() async throws {
        let fixture = try APIFixture()
        let ticket = try fixture.ticket()
        try await fixture.run { api in
            let reply = try await api.get("/api/tickets/\(ticket.id)", as: "agent")
            #expect(reply.status == .ok)
            #expect(reply.json["user_name"] == nil, "\(reply)")
        }
    }

    @Test func aUserNeverSeesAnotherUsersName() async throws {
        // Given a named user's ticket and another user's
        let fixture = try APIFixture()
        try await fixture.run { api in
            let named = try await api.post("/api/tickets", as: "service", Self.body(name: #""Amélie""#))
            let id = try #require(named.json["ticket_id"] as? String)
            #expect(try await api.post("/api/tickets", as: "other", Self.body(name: #""Zoé""#, user: "18446744073709551615")).status == .created)
            // Then the other user's listing has only their own ticket and name, and the named ticket is a 404 to them
            let list = try await api.get("/api/tickets", as: "other")
            #expect(list.tickets.map { $0["user_name"] as? String } == ["Zoé"])
            #expect(!list.text.contains("Amélie"))
            let foreign = try await api.get("/api/tickets/\(id)", as: "other")
            #expect(foreign.status == .notFound)
            #expect(!foreign.text.contains("Amélie"))
        }
    }

    @Test(
        "an invalid user_name is a 422 naming the field, and opens nothing",
        arguments: [
            #""""#, #""   ""#, "\"\(String(repeating: "x", count: 101))\"", #""Eve\u001b[31m""#, #""two\nlines""#,
            #""evil\u202egnp""#, "42", "true", #"["Alice"]"#,
        ])
    func invalidNames(_ name: String) async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let reply = try await api.post("/api/tickets", as: "service", Self.body(name: name))
            #expect(reply.status == .unprocessableContent, "\(reply)")
            #expect(reply.errorField == "user_name", "\(reply)")
            #expect(reply.errorCode == "invalid_field")
        }
        #expect(try fixture.store.counts().values.reduce(0, +) == 0)
    }

    @Test func nullIsNoName() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let reply = try await api.post("/api/tickets", as: "service", Self.body(name: "null"))
            #expect(reply.status == .created, "\(reply)")
        }
    }

    @Test func theOpenAPIDocumentDescribesTheField() {
        let yaml = OpenAPIDocument.yaml
        #expect(yaml.contains("user_name: { type: [string, \"null\"], minLength: 1, maxLength: \(Validation.userNameLength.upperBound)"))
        #expect(yaml.contains("user_name: { type: string, description:"))
    }
}
