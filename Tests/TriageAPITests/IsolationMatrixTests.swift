import Foundation
import HTTPTypes
import Testing
import TriageBackendSupport
import TriageCore

@testable import TriageAPI

/// Every role × every endpoint × the owner's ticket (with an internal note) and a missing one: what each caller may
/// do and see, list contents and counts included, and that no internal note ever reaches a user or the service. On
/// both backends (PostgreSQL when a server is named): the same requests, the same answers.
@Suite struct IsolationMatrixTests {
    /// Who calls: the owner and another user, each by their own token and through the bot, and staff.
    enum Who: String, CaseIterable, CustomStringConvertible {
        case owner, other, serviceForOwner, serviceForOther, agent, admin
        var description: String { rawValue }

        var token: String {
            switch self {
            case .owner, .other, .agent, .admin: rawValue
            case .serviceForOwner, .serviceForOther: "service"
            }
        }
        /// The `user_id` a service request names.
        var actsFor: UserID? {
            switch self {
            case .serviceForOwner: APIFixture.owner
            case .serviceForOther: APIFixture.other
            default: nil
            }
        }
        var isStaff: Bool { self == .agent || self == .admin }
        var isOwner: Bool { self == .owner || self == .serviceForOwner }
    }

    enum Endpoint: String, CaseIterable, CustomStringConvertible {
        case view, reply, internalNote, close, feedback
        var description: String { rawValue }

        func request(id: String, who: Who) -> (HTTPRequest.Method, String, String?) {
            let user = who.actsFor.map { #""user_id": "\#($0)", "# } ?? ""
            switch self {
            case .view: return (.get, "/api/tickets/\(id)" + (who.actsFor.map { "?user_id=\($0)" } ?? ""), nil)
            case .reply: return (.post, "/api/tickets/\(id)/reply", #"{\#(user)"message": "Merci !"}"#)
            case .internalNote: return (.post, "/api/tickets/\(id)/reply", #"{\#(user)"message": "note", "internal_note": true}"#)
            case .close: return (.post, "/api/tickets/\(id)/close", #"{\#(user)"resolution": "fini"}"#)
            case .feedback: return (.post, "/api/tickets/\(id)/feedback", #"{\#(user)"rating": 4}"#)
            }
        }

        /// What the caller gets on the owner's ticket.
        func expected(for who: Who) -> HTTPResponse.Status {
            if !who.isStaff && !who.isOwner { return .notFound }  // another user's ticket does not exist for them
            switch self {
            case .view, .close: return .ok
            case .reply: return .created
            case .internalNote: return who.isStaff ? .created : .forbidden
            case .feedback: return who.isStaff ? .forbidden : .created
            }
        }
    }

    /// A caller and an endpoint, one case of the matrix.
    struct Call: Sendable, CustomStringConvertible {
        var who: Who
        var endpoint: Endpoint
        var description: String { "\(who) \(endpoint)" }
        static let all = Who.allCases.flatMap { who in Endpoint.allCases.map { Call(who: who, endpoint: $0) } }
    }

    static let secretNote = "NOTE-INTERNE-SECRETE"

    /// The owner's ticket with a public agent answer and an internal note; closed for the feedback endpoint.
    static func prepare(_ fixture: BackendFixture, closed: Bool) async throws -> String {
        let id = try await fixture.ticket().id.rawValue
        let store = fixture.tickets
        _ = try await store.reply(id, body: "Réponse publique", internal: false, keepOpen: false, as: .agent("bob"), now: APIFixture.t0)
        _ = try await store.reply(id, body: secretNote, internal: true, keepOpen: false, as: .agent("bob"), now: APIFixture.t0)
        if closed { _ = try await store.close(id, resolution: "ok", notifyUser: true, as: .agent("bob"), now: APIFixture.t0) }
        return id
    }

    @Test("the owner's ticket and a missing one", arguments: Backend.enabled, Call.all)
    func ticketEndpoints(backend: Backend, call: Call) async throws {
        let (who, endpoint) = (call.who, call.endpoint)
        // Given the owner's ticket with an internal note
        try await withAPI(backend) { fixture in
            let id = try await Self.prepare(fixture, closed: endpoint == .feedback)
            try await fixture.run { api in
                // When the caller uses the endpoint on it, and on a ticket that does not exist
                let (method, uri, body) = endpoint.request(id: id, who: who)
                let reply = try await api.call(method, uri, as: who.token, body: body)
                let (missingMethod, missingURI, missingBody) = endpoint.request(id: "TKTZZZZZZ", who: who)
                let missing = try await api.call(missingMethod, missingURI, as: who.token, body: missingBody)
                // Then the outcome follows the rules, a foreign ticket answers exactly like a missing one
                #expect(reply.status == endpoint.expected(for: who), "\(reply)")
                #expect(missing.status == .notFound)
                if reply.status == .notFound {
                    #expect(reply.text.replacingOccurrences(of: id, with: "TKTZZZZZZ") == missing.text)
                }
                // And no internal note is ever in a user's or the service's answer
                if !who.isStaff {
                    #expect(!reply.text.contains(Self.secretNote))
                    #expect(!reply.text.contains(#""internal_note":true"#))
                }
                if who.isStaff && endpoint == .view {
                    #expect(reply.text.contains(Self.secretNote))
                }
            }
        }
    }

    @Test("lists hold exactly what the caller may see", arguments: Backend.enabled, Who.allCases)
    func lists(backend: Backend, who: Who) async throws {
        // Given three tickets of the owner's (one with an internal note) and two of the other user's
        try await withAPI(backend) { fixture in
            var mine: Set<String> = [try await Self.prepare(fixture, closed: false)]
            for n in 0..<2 { mine.insert(try await fixture.ticket(subject: "Mon ticket \(n)").id.rawValue) }
            var theirs: Set<String> = []
            for n in 0..<2 { theirs.insert(try await fixture.ticket(for: APIFixture.other, subject: "Leur ticket \(n)").id.rawValue) }
            let expected = who.isStaff ? mine.union(theirs) : who.isOwner ? mine : theirs
            try await fixture.run { api in
                // When the caller lists every status
                let query = who.actsFor.map { "&user_id=\($0)" } ?? ""
                var seen: Set<String> = []
                var texts = ""
                for status in ["open", "waiting", "closed"] {
                    let reply = try await api.get("/api/tickets?limit=500&status=\(status)\(query)", as: who.token)
                    #expect(reply.status == .ok, "\(reply)")
                    seen.formUnion(reply.ticketIDs)
                    texts += reply.text
                }
                // Then they see exactly their scope
                #expect(seen == expected)
                #expect(seen.count == expected.count)
                #expect(!texts.contains(Self.secretNote))
            }
        }
    }

    @Test("staff work leaves no trace for a user or the service: updated_at, message ids, tags", arguments: Backend.enabled, Who.allCases)
    func staffWorkLeavesNoTrace(backend: Backend, who: Who) async throws {
        guard who.isStaff || who.isOwner else { return }  // the others get a 404 (ticketEndpoints)
        // Given the owner's ticket answered publicly, then noted internally and tagged later
        try await withAPI(backend) { fixture in
            let id = try await fixture.ticket().id.rawValue
            let answered = APIFixture.t0.addingTimeInterval(60)
            let store = fixture.tickets
            _ = try await store.reply(id, body: "Réponse publique", internal: false, keepOpen: false, as: .agent("bob"), now: answered)
            _ = try await store.reply(
                id, body: Self.secretNote, internal: true, keepOpen: false, as: .agent("bob"), now: answered.addingTimeInterval(60))
            _ = try await store.tag(id, add: ["refund-abuse-suspect"], remove: [], as: .agent("bob"), now: answered.addingTimeInterval(120))
            try await fixture.run { api in
                // When the caller views and lists it
                let query = who.actsFor.map { "?user_id=\($0)" } ?? ""
                let view = try await api.get("/api/tickets/\(id)\(query)", as: who.token)
                let list = try await api.get("/api/tickets\(query)", as: who.token)
                let listed = try #require(list.tickets.first { $0["ticket_id"] as? String == id })
                let ids = (view.json["messages"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                if who.isStaff {
                    // Then staff see it as it is
                    #expect(view.json["updated_at"] as? String == Timestamp.string(answered.addingTimeInterval(120)))
                    #expect(view.json["tags"] as? [String] == ["refund-abuse-suspect"])
                    #expect(ids.count == 2)
                } else {
                    // Then the user and the bot see only what the thread explains
                    for ticket in [view.json, listed] {
                        #expect(ticket["updated_at"] as? String == Timestamp.string(answered))
                        #expect((ticket["tags"] as? [String] ?? []).isEmpty)
                        #expect(!"\(ticket)".contains("refund-abuse-suspect"))
                    }
                    #expect(ids == [1])
                    // And their own reply is numbered in the public thread, not after the hidden note
                    let user = who.actsFor.map { #""user_id": "\#($0)", "# } ?? ""
                    let reply = try await api.post("/api/tickets/\(id)/reply", as: who.token, #"{\#(user)"message": "Merci"}"#)
                    #expect(reply.json["id"] as? Int == 2, "\(reply)")
                    let again = try await api.get("/api/tickets/\(id)\(query)", as: who.token)
                    #expect((again.json["messages"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } == [1, 2])
                }
            }
        }
    }

    @Test("stats are for staff only", arguments: Backend.enabled, Who.allCases)
    func stats(backend: Backend, who: Who) async throws {
        try await withAPI(backend) { fixture in
            _ = try await Self.prepare(fixture, closed: false)
            try await fixture.run { api in
                let query = who.actsFor.map { "?user_id=\($0)" } ?? ""
                let reply = try await api.get("/api/tickets/stats\(query)", as: who.token)
                #expect(reply.status == (who.isStaff ? .ok : .forbidden), "\(reply)")
                #expect(!reply.text.contains(Self.secretNote))
            }
        }
    }

    @Test("creating for oneself and for someone else", arguments: Backend.enabled, [true, false])
    func create(backend: Backend, forSelf: Bool) async throws {
        try await withAPI(backend) { fixture in
            for who in Who.allCases {
                try await fixture.run { api in
                    let selfID = who.actsFor ?? (who == .owner ? APIFixture.owner : who == .other ? APIFixture.other : APIFixture.owner)
                    let target = forSelf ? selfID : UserID(42)
                    let reply = try await api.post(
                        "/api/tickets", as: who.token,
                        #"{"user_id": "\#(target)", "category": "account", "subject": "Accès", "description": "Je ne peux plus me connecter"}"#
                    )
                    // A user token acts for its own id only; the service names whom it acts for; staff open tickets for anyone
                    let allowed = forSelf || who.isStaff || who.actsFor != nil
                    #expect(reply.status == (allowed ? .created : .forbidden), "\(who): \(reply)")
                    if allowed, let id = reply.json["ticket_id"] as? String {
                        let expectedOwner = who.actsFor != nil && !forSelf ? UserID(42) : target
                        #expect(try await fixture.tickets.ticket(id, as: APIFixture.admin).userID == expectedOwner, "\(who)")
                    }
                }
            }
        }
    }
}
