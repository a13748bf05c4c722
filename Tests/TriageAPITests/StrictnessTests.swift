import Foundation
import HTTPTypes
import Testing
import TriageCore

@testable import TriageAPI

/// The body and headers are read as documented, and one way only: invalid JSON and duplicate keys are 400, a body in
/// another format 415; the client's request id comes back.
@Suite struct StrictnessTests {
    @Test(
        "invalid JSON is a 400, not a 422",
        arguments: [
            "0123", #"{"rating": 0123}"#, #"{"rating": 1e400}"#, #"{"rating": -1e400}"#, #"{"rating": 5,}"#, #"{"rating": 5} x"#,
            #"{'rating': 5}"#, #"{"rating": 5, "comment": "a\u00"}"#,
            String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ])
    func invalidJSON(body: String) async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try await fixture.run { api in
            let reply = try await api.post("/api/tickets/\(id)/feedback", as: "owner", body)
            #expect(reply.status == .badRequest, "\(reply)")
            #expect(reply.errorCode == "malformed_request")
        }
    }

    @Test(
        "a duplicate key is a 400, never read one way or the other",
        arguments: [
            #"{"message": "Remboursé", "internal_note": false, "internal_note": true}"#,
            #"{"message": "Remboursé", "internal_note": true, "internal\u005fnote": false}"#,
            #"{"message": "Remboursé", "message": "Note"}"#,
        ])
    func duplicateKeys(body: String) async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try await fixture.run { api in
            let reply = try await api.post("/api/tickets/\(id)/reply", as: "agent", body)
            #expect(reply.status == .badRequest, "\(reply)")
            #expect((reply.error["message"] as? String)?.contains("duplicate key") == true, "\(reply)")
            #expect(try fixture.store.thread(id, as: .admin("root")).messages.isEmpty)
        }
    }

    @Test func aBodyInAnotherFormatIs415() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let body = #"{"category": "general", "subject": "Bonjour", "description": "Test"}"#
            for type in ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"] {
                let reply = try await api.call(.post, "/api/tickets", as: "owner", body: body, headers: [.contentType: type])
                #expect(reply.status == .unsupportedMediaType, "\(type): \(reply)")
                #expect(reply.errorCode == "unsupported_media_type")
            }
            for type in ["application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json"] {
                let reply = try await api.call(.post, "/api/tickets", as: "owner", body: body, headers: [.contentType: type])
                #expect(reply.status == .created, "\(type): \(reply)")
            }
            // No Content-Type at all is read as JSON, and an empty body needs none
            #expect(try await api.post("/api/tickets", as: "owner", body).status == .created)
            let id = try fixture.ticket().id.rawValue
            let close = try await api.call(.post, "/api/tickets/\(id)/close", as: "agent", body: "", headers: [.contentType: "text/plain"])
            #expect(close.status == .ok, "\(close)")
        }
    }

    @Test func theClientsRequestIDIsKept() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let id = "bot-7f3a.42"
            let kept = try await api.call(.get, "/api/tickets", as: "agent", headers: [AccessLogMiddleware.requestIDHeader: id])
            #expect(kept.headers[AccessLogMiddleware.requestIDHeader] == id)
            let error = try await api.call(.get, "/api/tickets", headers: [AccessLogMiddleware.requestIDHeader: id])
            #expect(error.status == .unauthorized)
            #expect(error.headers[AccessLogMiddleware.requestIDHeader] == id)
            // One the log should not carry is replaced by the server's own
            for unusable in ["a b", String(repeating: "x", count: 129)] {
                let bad = try await api.call(.get, "/api/health", headers: [AccessLogMiddleware.requestIDHeader: unusable])
                let own = try #require(bad.headers[AccessLogMiddleware.requestIDHeader])
                #expect(own != unusable && !own.isEmpty)
            }
            #expect(try await api.call(.get, "/api/health").headers[AccessLogMiddleware.requestIDHeader] != nil)
        }
    }
}

/// HEAD answers wherever GET does, with GET's status and headers and no body.
@Suite struct HeadTests {
    @Test func headAnswersLikeGetWithoutABody() async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try await fixture.run { api in
            for (path, token) in [
                ("/api/health", nil), ("/api/tickets", "agent"), ("/api/tickets/\(id)", "owner"), ("/api/openapi.yaml", nil),
            ] {
                let get = try await api.call(.get, path, as: token)
                let head = try await api.call(.head, path, as: token)
                #expect(head.status == .ok, "\(path): \(head)")
                #expect(head.text.isEmpty)
                #expect(head.headers[.contentType] == get.headers[.contentType])
            }
            // An error is headers only too; a path with no GET refuses HEAD, and a GET path lists it as allowed
            let refused = try await api.call(.head, "/api/tickets")
            #expect(refused.status == .unauthorized && refused.text.isEmpty)
            #expect(try await api.call(.head, "/api/tickets/\(id)/reply", as: "agent").status == .methodNotAllowed)
            let allow = try await api.call(.delete, "/api/tickets", as: "agent").headers[.allow] ?? ""
            #expect(allow.contains("GET") && allow.contains("HEAD"), "\(allow)")
        }
    }
}
