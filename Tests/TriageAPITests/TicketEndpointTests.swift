import Foundation
import HTTPTypes
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// Every endpoint of SPEC §7 with the SPEC's example bodies, French text and emoji included.
@Suite struct TicketEndpointTests {
    static let createBody = #"""
        {"user_id": "123456789012345678", "category": "billing", "subject": "Paiement refusé",
         "description": "Ma carte Visa est refusée depuis hier 😕 — pouvez-vous vérifier ?", "priority": "high"}
        """#

    @Test func createAnswersTheSpecShape() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            // When the bot opens a ticket for a user
            let reply = try await api.post("/api/tickets", as: "service", Self.createBody)
            // Then 201 {"ticket_id", "status": "open", "created_at", "url", "due_at", "sla_hours"}
            #expect(reply.status == .created, "\(reply)")
            let json = reply.json
            #expect(Set(json.keys) == ["ticket_id", "status", "created_at", "url", "due_at", "sla_hours"])
            let id = try #require(json["ticket_id"] as? String)
            #expect(TicketID(id) != nil)
            #expect(json["status"] as? String == "open")
            #expect(json["created_at"] as? String == "2026-11-18T12:06:40Z")
            #expect(json["sla_hours"] as? Double == 24)
            #expect(json["url"] as? String == "https://admin.example.org/tickets/\(id)")
            #expect(reply.headers[.location] == "/api/tickets/\(id)")
            // And the ticket is in the store, text intact
            let ticket = try fixture.store.ticket(id, as: .admin("root"))
            #expect(ticket.subject == "Paiement refusé")
            #expect(ticket.description.contains("refusée depuis hier 😕"))
            #expect(ticket.userID == APIFixture.owner)
        }
    }

    @Test(
        "user_id as a JSON number or string; a user token defaults to its own id",
        arguments: [
            ("service", #""user_id": 123456789012345678,"#), ("agent", #""user_id": "123456789012345678","#), ("owner", ""),
            ("owner", #""user_id": 123456789012345678,"#),
        ])
    func createUserIDForms(token: String, userField: String) async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let reply = try await api.post(
                "/api/tickets", as: token,
                #"{\#(userField) "category": "technical", "subject": "Bot hors ligne", "description": "Le bot ne répond plus"}"#)
            #expect(reply.status == .created, "\(reply)")
            let id = try #require(reply.json["ticket_id"] as? String)
            let ticket = try fixture.store.ticket(id, as: .admin("root"))
            #expect(ticket.userID == APIFixture.owner)
            #expect(ticket.priority == .medium)  // the default
        }
    }

    @Test func listIsInQueueOrderAndPaged() async throws {
        // Given five tickets of different urgency
        let fixture = try APIFixture()
        for category in [TriageCore.Category.general, .billing, .technical, .account, .suggestion] {
            try fixture.ticket(subject: "Sujet \(category.rawValue)", category)
        }
        try await fixture.run { api in
            // When listed two at a time
            var ids: [String] = []
            var uri = "/api/tickets?limit=2"
            var pages = 0
            while true {
                let page = try await api.get(uri, as: "agent")
                #expect(page.status == .ok, "\(page)")
                ids += page.tickets.compactMap { $0["ticket_id"] as? String }
                pages += 1
                guard let cursor = page.json["next_cursor"] as? String else {
                    #expect(page.json.keys.contains("next_cursor"))  // null on the last page
                    break
                }
                uri = "/api/tickets?limit=2&cursor=\(cursor)"
            }
            // Then every ticket comes once, in the same order as one big page, with no thread in the list
            let all = try await api.get("/api/tickets", as: "agent")
            #expect(pages == 3)
            #expect(ids == all.tickets.compactMap { $0["ticket_id"] as? String })
            #expect(ids.count == 5)
            #expect(all.tickets.allSatisfy { $0["messages"] == nil })
            let dues = all.tickets.compactMap { $0["due_at"] as? String }
            #expect(dues == dues.sorted())
        }
    }

    @Test func listFilters() async throws {
        let fixture = try APIFixture()
        let billing = try fixture.ticket(subject: "Facture", .billing)
        try fixture.ticket(subject: "Compte", .account)
        try fixture.store.assign(billing.id.rawValue, to: "alice", as: .agent("alice"), now: APIFixture.t0)
        try await fixture.run { api in
            let r1 = try await api.get("/api/tickets?category=billing", as: "agent")
            #expect(r1.ticketIDs == [billing.id.rawValue])
            let r2 = try await api.get("/api/tickets?assignee=me", as: "agent")
            #expect(r2.ticketIDs == [billing.id.rawValue])
            let r3 = try await api.get("/api/tickets?assignee=none", as: "agent")
            #expect(r3.tickets.count == 1)
            let r4 = try await api.get("/api/tickets?priority=HIGH&status=open", as: "agent")
            #expect(r4.tickets.count == 2)
            let r5 = try await api.get("/api/tickets?status=waiting", as: "agent")
            #expect(r5.tickets.isEmpty)
            // The SPEC's template with empty values means no filter
            let r6 = try await api.get("/api/tickets?status=&priority=&category=&assignee=&limit=&cursor=", as: "agent")
            #expect(r6.tickets.count == 2)
        }
    }

    @Test func viewReplyCloseFeedbackThrough() async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try await fixture.run { api in
            // An agent answers publicly and writes an internal note
            let answer = try await api.post(
                "/api/tickets/\(id)/reply", as: "agent", #"{"message": "Bonjour ! Pouvez-vous réessayer ?", "internal_note": false}"#)
            #expect(answer.status == .created, "\(answer)")
            #expect(answer.json["body"] as? String == "Bonjour ! Pouvez-vous réessayer ?")
            #expect(answer.json["author"] as? String == "alice")
            let note = try await api.post(
                "/api/tickets/\(id)/reply", as: "agent", #"{"message": "Stripe montre deux captures", "internal_note": true}"#)
            #expect(note.status == .created)
            #expect(note.json["internal_note"] as? Bool == true)
            // The user sees the answer, not the note; ids are case-insensitive
            let seen = try await api.get("/api/tickets/\(id.lowercased())", as: "owner")
            #expect(seen.status == .ok)
            #expect(seen.json["status"] as? String == "waiting")
            #expect((seen.json["messages"] as? [[String: Any]])?.count == 1)
            #expect(!seen.text.contains("Stripe"))
            // The agent sees both
            let staffView = try await api.get("/api/tickets/\(id)", as: "agent")
            #expect((staffView.json["messages"] as? [[String: Any]])?.count == 2)
            // The user answers: the ticket is open again
            let back = try await api.post("/api/tickets/\(id)/reply", as: "owner", #"{"message": "Ça marche, merci ! 🎉"}"#)
            #expect(back.status == .created)
            #expect(try fixture.store.ticket(id, as: .admin("root")).status == .open)
            // The agent closes it
            let closed = try await api.post(
                "/api/tickets/\(id)/close", as: "agent", #"{"resolution": "Carte réactivée", "notify_user": true}"#)
            #expect(closed.status == .ok, "\(closed)")
            #expect(closed.json["status"] as? String == "closed")
            #expect(closed.json["resolution"] as? String == "Carte réactivée")
            // Closing again is a conflict
            let again = try await api.post("/api/tickets/\(id)/close", as: "agent", "{}")
            #expect(again.status == .conflict)
            #expect(again.errorCode == "conflict")
            // The user rates it
            let rated = try await api.post(
                "/api/tickets/\(id)/feedback", as: "owner", #"{"rating": 5, "comment": "Merci, réglé en 10 minutes !"}"#)
            #expect(rated.status == .created, "\(rated)")
            #expect(rated.json["rating"] as? Int == 5)
            #expect(rated.json["comment"] as? String == "Merci, réglé en 10 minutes !")
            #expect(try fixture.store.ticket(id, as: .admin("root")).satisfaction?.rating == 5)
        }
    }

    @Test func aUserReplyReopensAClosedTicket() async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try fixture.store.close(id, resolution: nil, as: .agent("alice"), now: APIFixture.t0)
        try await fixture.run { api in
            let reply = try await api.post(
                "/api/tickets/\(id)/reply", as: "service", #"{"user_id": "123456789012345678", "message": "Toujours bloqué"}"#)
            #expect(reply.status == .created)
            let r7 = try await api.get("/api/tickets/\(id)?user_id=123456789012345678", as: "service")
            #expect(r7.json["status"] as? String == "open")
        }
    }

    @Test func ownerMayCloseWithAnEmptyBody() async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        try await fixture.run { api in
            let closed = try await api.call(.post, "/api/tickets/\(id)/close", as: "owner")
            #expect(closed.status == .ok, "\(closed)")
            #expect(closed.json["status"] as? String == "closed")
        }
    }

    @Test func weeklyStatsAndKPIs() async throws {
        let fixture = try APIFixture()
        try fixture.ticket()
        try await fixture.run { api in
            let stats = try await api.get("/api/tickets/stats?week=2026-W47", as: "admin")
            #expect(stats.status == .ok, "\(stats)")
            #expect(stats.json["week"] as? String == "2026-W47")
            #expect(stats.json["opened"] as? Int == 1)
            #expect((stats.json["kpis"] as? [Any])?.count == 5)
            let thisWeek = try await api.get("/api/tickets/stats", as: "agent")
            #expect(thisWeek.json["week"] as? String == "2026-W47")
        }
    }

    @Test func healthAndOpenAPINeedNoToken() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let health = try await api.call(.get, "/api/health")
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            let doc = try await api.call(.get, "/api/openapi.yaml")
            #expect(doc.status == .ok)
            #expect(doc.text.hasPrefix("openapi: 3.1.0"))
            #expect(doc.headers[.contentType]?.hasPrefix("application/yaml") == true)
        }
    }

    @Test func everyAnswerCarriesARequestID() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let a = try await api.call(.get, "/api/health")
            let b = try await api.call(.get, "/api/tickets")
            let ids = [a, b].compactMap { $0.headers[HTTPField.Name("X-Request-ID")!] }
            #expect(ids.count == 2)
            #expect(Set(ids).count == 2)
        }
    }
}

/// Many creations at once go through the write queue's group commits; each answer is its own ticket.
@Suite struct ConcurrentCreateTests {
    @Test func twoHundredAtOnce() async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for n in 0..<200 {
                    group.addTask {
                        let token = n % 3 == 0 ? "owner" : "service"
                        let reply = try await api.post(
                            "/api/tickets", as: token,
                            #"{"user_id": "123456789012345678", "category": "general", "subject": "Ticket \#(n)", "description": "Créé en parallèle"}"#
                        )
                        return reply.status == .created ? reply.json["ticket_id"] as? String : nil
                    }
                }
                // And a bad one in the middle fails alone
                group.addTask {
                    let reply = try await api.post(
                        "/api/tickets", as: "owner", #"{"category": "general", "subject": " ", "description": "x"}"#)
                    return reply.status == .unprocessableContent ? "rejected" : nil
                }
                return try await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(ids.count == 201)
            #expect(ids.contains("rejected"))
            #expect(Set(ids).count == 201)
            #expect(try fixture.store.counts()[.open] == 200)
        }
    }
}
