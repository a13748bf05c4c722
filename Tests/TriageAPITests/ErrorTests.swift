import Foundation
import HTTPTypes
import NIOCore
import Testing
import TriageCore
import TriageBackendSupport
import TriageStore

@testable import TriageAPI

/// Every error of SPEC §7: JSON `{"error": {"code", "message"}}` with the right status, and never a 500.
@Suite struct ErrorTests {
    @Test(
        "401 without a valid token",
        arguments: [
            [:], [.authorization: "Basic dXNlcjpwYXNz"], [.authorization: "Bearer"], [.authorization: "Bearer trg_nope"],
            [.authorization: "Bearer " + String(repeating: "x", count: 5000)],
        ] as [HTTPFields])
    func unauthenticated(headers: HTTPFields) async throws {
        try await APIFixture().run { api in
            for (method, uri) in [(HTTPRequest.Method.get, "/api/tickets"), (.post, "/api/tickets"), (.get, "/api/tickets/TKTAAAAAA")] {
                let reply = try await api.call(method, uri, body: "{}", headers: headers)
                #expect(reply.status == .unauthorized, "\(uri): \(reply)")
                #expect(reply.errorCode == "unauthenticated")
                #expect(reply.headers[.wwwAuthenticate] == "Bearer")
            }
        }
    }

    @Test func aRevokedTokenStopsWorkingAtOnceAndUseIsRecorded() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let r1 = try await api.get("/api/tickets", as: "agent")
            #expect(r1.status == .ok)
            // The use is written off the request path: wait for it (a token revoked first would not record it).
            func recorded() throws -> Bool { try fixture.store.tokens(as: APIFixture.admin).first { $0.name == "alice" }?.lastUsedAt != nil }
            #expect(try await eventually { try recorded() })
            try fixture.store.revokeToken("alice", as: APIFixture.admin, now: APIFixture.t0)
            let r2 = try await api.get("/api/tickets", as: "agent")
            #expect(r2.status == .unauthorized)
        }
        let alice = try fixture.store.tokens(as: APIFixture.admin).first { $0.name == "alice" }
        #expect(alice?.lastUsedAt != nil)
    }

    @Test(
        "400 for a body that is not a JSON object",
        arguments: ["{", "not json", "[1, 2]", "\"texte\"", "42", " ", "\u{FEFF}{}x"])
    func malformed(body: String) async throws {
        try await APIFixture().run { api in
            let reply = try await api.post("/api/tickets", as: "service", body)
            #expect(reply.status == .badRequest, "\(reply)")
            #expect(reply.errorCode == "malformed_request")
        }
    }

    @Test func invalidUTF8IsMalformed() async throws {
        try await APIFixture().run { api in
            let reply = try await api.send(
                .post, "/api/tickets", headers: [.authorization: "Bearer \(api.tokens["owner"]!)"],
                body: ByteBuffer(bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]))
            #expect(reply.status == .badRequest, "\(reply)")
        }
    }

    @Test func bodyOver64KiBIs413() async throws {
        try await APIFixture().run { api in
            let big = #"{"user_id": 1, "category": "general", "subject": "x", "description": "\#(String(repeating: "é", count: 35_000))"}"#
            #expect(big.utf8.count > 70_000)
            let reply = try await api.post("/api/tickets", as: "service", big)
            #expect(reply.status == .contentTooLarge, "\(reply.status)")
            #expect(reply.errorCode == "payload_too_large")
            // Just under the limit is read (and here refused for its description's length, by name)
            let under =
                #"{"user_id": 1, "category": "general", "subject": "x", "description": "\#(String(repeating: "a", count: 60_000))"}"#
            let fits = try await api.post("/api/tickets", as: "service", under)
            #expect(fits.status == .unprocessableContent)
            #expect(fits.errorField == "description")
        }
    }

    static let invalidCreates: [(body: String, field: String, mentions: String)] = [
        (
            #"{"user_id": 1, "category": "facturation", "subject": "s", "description": "d"}"#, "category",
            "general, billing, technical, bug_report, account, suggestion"
        ),
        (
            #"{"user_id": 1, "category": "billing", "subject": "s", "description": "d", "priority": "urgent"}"#, "priority",
            "critical, high, medium, low"
        ),
        (#"{"user_id": 1, "subject": "s", "description": "d"}"#, "category", "required"),
        (#"{"user_id": 1, "category": "billing", "description": "d"}"#, "subject", "required"),
        (#"{"user_id": 1, "category": "billing", "subject": "s"}"#, "description", "required"),
        (#"{"user_id": 1, "category": "billing", "subject": "", "description": "d"}"#, "subject", "1 to 200"),
        (#"{"user_id": 1, "category": "billing", "subject": "   ", "description": "d"}"#, "subject", "1 to 200"),
        (
            #"{"user_id": 1, "category": "billing", "subject": "\#(String(repeating: "ü", count: 201))", "description": "d"}"#, "subject",
            "1 to 200"
        ),
        (#"{"user_id": 1, "category": 3, "subject": "s", "description": "d"}"#, "category", "one of"),
        (#"{"user_id": 1, "category": "billing", "subject": ["s"], "description": "d"}"#, "subject", "a string"),
        (#"{"user_id": -1, "category": "billing", "subject": "s", "description": "d"}"#, "user_id", "Discord id"),
        (#"{"user_id": 18446744073709551616, "category": "billing", "subject": "s", "description": "d"}"#, "user_id", "Discord id"),
        (#"{"user_id": "12a", "category": "billing", "subject": "s", "description": "d"}"#, "user_id", "Discord id"),
        (#"{"user_id": 1.5, "category": "billing", "subject": "s", "description": "d"}"#, "user_id", "Discord id"),
        (#"{"category": "billing", "subject": "s", "description": "d"}"#, "user_id", "user_id"),
        (#"{"user_id": null, "category": "billing", "subject": "s", "description": "d"}"#, "user_id", "user_id"),
    ]

    @Test("422 names the field and the allowed values", arguments: invalidCreates)
    func invalidField(body: String, field: String, mentions: String) async throws {
        try await APIFixture().run { api in
            let reply = try await api.post("/api/tickets", as: "service", body)
            #expect(reply.status == .unprocessableContent, "\(reply)")
            #expect(reply.errorCode == "invalid_field")
            #expect(reply.errorField == field, "\(reply)")
            #expect((reply.error["message"] as? String)?.contains(mentions) == true, "\(reply)")
        }
    }

    static let invalidQueries: [(uri: String, field: String)] = [
        ("/api/tickets?limit=0", "limit"), ("/api/tickets?limit=501", "limit"), ("/api/tickets?limit=ten", "limit"),
        ("/api/tickets?status=pending", "status"), ("/api/tickets?priority=p1", "priority"), ("/api/tickets?category=x", "category"),
        ("/api/tickets?cursor=garbage", "cursor"), ("/api/tickets?assignee=a%20b", "assignee"),
        ("/api/tickets/stats?week=2026-W60", "week"), ("/api/tickets/stats?week=lundi", "week"),
    ]

    @Test("422 for bad query parameters", arguments: invalidQueries)
    func invalidQuery(uri: String, field: String) async throws {
        try await APIFixture().run { api in
            let reply = try await api.get(uri, as: "admin")
            #expect(reply.status == .unprocessableContent, "\(reply)")
            #expect(reply.errorField == field)
        }
    }

    @Test func serviceTokenMustNameTheUser() async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try await fixture.run { api in
            for reply in [
                try await api.get("/api/tickets", as: "service"), try await api.get("/api/tickets/\(id)", as: "service"),
                try await api.get("/api/tickets?user_id=abc", as: "service"),
                try await api.post("/api/tickets/\(id)/reply", as: "service", #"{"message": "Bonjour"}"#),
            ] {
                #expect(reply.status == .unprocessableContent, "\(reply)")
                #expect(reply.errorField == "user_id")
            }
        }
    }

    @Test func userTokenNamingAnotherUserIs403() async throws {
        try await APIFixture().run { api in
            let reply = try await api.post(
                "/api/tickets", as: "owner", #"{"user_id": "42", "category": "general", "subject": "s", "description": "d"}"#)
            #expect(reply.status == .forbidden, "\(reply)")
            let r3 = try await api.get("/api/tickets?user_id=42", as: "owner")
            #expect(r3.status == .forbidden)
        }
    }

    @Test func feedbackRules() async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try await fixture.run { api in
            let r4 = try await api.post("/api/tickets/\(id)/feedback", as: "owner", #"{"rating": 5}"#)
            #expect(r4.status == .conflict)  // still open
            try fixture.store.close(id, resolution: nil, as: .agent("alice"), now: APIFixture.t0)
            for (body, field) in [
                (#"{"rating": 6}"#, "rating"), (#"{"rating": 0}"#, "rating"), (#"{"rating": 4.5}"#, "rating"),
                (#"{"rating": "5"}"#, "rating"), ("{}", "rating"),
            ] {
                let reply = try await api.post("/api/tickets/\(id)/feedback", as: "owner", body)
                #expect(reply.status == .unprocessableContent, "\(body): \(reply)")
                #expect(reply.errorField == field)
            }
            let r5 = try await api.post("/api/tickets/\(id)/feedback", as: "agent", #"{"rating": 5}"#)
            #expect(r5.status == .forbidden)
        }
    }

    @Test func unknownRoutesAndFieldsAndTicketIDs() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let route = try await api.get("/api/nothing", as: "agent")
            #expect(route.status == .notFound)
            #expect(route.errorCode == "not_found")
            let r6 = try await api.get("/api/tickets/not-an-id", as: "agent")
            #expect(r6.status == .notFound)
            let r7 = try await api.get("/api/tickets/TKT000000", as: "agent")
            #expect(r7.status == .notFound)
            // Unknown fields are ignored
            let created = try await api.post(
                "/api/tickets", as: "owner",
                #"{"category": "general", "subject": "s", "description": "d", "guild": "Shellia", "extra": [1, {"a": null}]}"#)
            #expect(created.status == .created, "\(created)")
        }
    }

    @Test func internalNoteFromAUserIs403() async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try await fixture.run { api in
            let reply = try await api.post("/api/tickets/\(id)/reply", as: "owner", #"{"message": "note", "internal_note": true}"#)
            #expect(reply.status == .forbidden)
        }
    }
}

/// A known path asked with a method it does not answer is a 405 naming the allowed methods.
@Suite struct MethodTests {
    @Test(
        "405 with Allow",
        arguments: [
            (HTTPRequest.Method.delete, "/api/tickets/TKTA1B2C3", "GET, HEAD"), (.put, "/api/tickets", "GET, HEAD, POST"),
            (.get, "/api/tickets/TKTA1B2C3/reply", "POST"), (.post, "/api/health", "GET, HEAD"),
            (.patch, "/api/tickets/stats", "GET, HEAD"),
        ])
    func methodNotAllowed(method: HTTPRequest.Method, uri: String, allow: String) async throws {
        try await APIFixture().run { api in
            let reply = try await api.call(method, uri, as: "agent", body: "{}")
            #expect(reply.status == .methodNotAllowed, "\(reply)")
            #expect(reply.errorCode == "method_not_allowed")
            let allowed = (reply.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(allowed.sorted() == allow.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted())
        }
    }
}
