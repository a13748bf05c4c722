import Foundation
import Testing
import TriageBackendSupport
import TriageCore
import TriageStore
import Hummingbird
import HummingbirdTesting
import Logging

@testable import TriageAPI

/// `POST /api/tickets/{id}/ack` and the bot's pull of user notifications.
@Suite struct AutomationEndpointTests {
    @Test func onCallAcknowledgesThroughTheAPI() async throws {
        let fixture = try APIFixture()
        let id = try fixture.ticket().id.rawValue
        let foreign = try fixture.ticket(for: APIFixture.other).id.rawValue
        try await fixture.run { api in
            // Not escalated yet: 409
            #expect(try await api.call(.post, "/api/tickets/\(id)/ack", as: "agent").status == .conflict)
            try fixture.store.escalate(id, as: APIFixture.admin, now: APIFixture.t0)
            // Users and the bot may not acknowledge (403 whatever the ticket, so nothing is revealed)
            #expect(try await api.call(.post, "/api/tickets/\(id)/ack", as: "owner").status == .forbidden)
            #expect(try await api.call(.post, "/api/tickets/\(foreign)/ack", as: "owner").status == .forbidden)
            #expect(try await api.call(.post, "/api/tickets/\(id)/ack?user_id=\(APIFixture.owner)", as: "service").status == .forbidden)
            // An agent acknowledges; again is harmless
            let acked = try await api.call(.post, "/api/tickets/\(id)/ack", as: "agent")
            #expect(acked.status == .ok)
            #expect(acked.json["ticket_id"] as? String == id)
            #expect(try await api.call(.post, "/api/tickets/\(id)/ack", as: "agent", body: "{}").status == .ok)
            #expect(try await api.call(.post, "/api/tickets/\(id)/ack", as: "agent", body: "[1,2]").status == .badRequest)
        }
        #expect(try fixture.store.ticket(id, as: APIFixture.admin).acknowledgedAt != nil)
    }

    @Test("the bot pulls leased notifications and acknowledges them", arguments: Backend.enabled)
    func theBotPullsLeasedNotificationsAndAcknowledgesThem(backend: Backend) async throws {
        try await withAPI(backend) { fixture in
            let ticket = try await fixture.ticket()
            let store = fixture.tickets
            _ = try await store.reply(ticket.id.rawValue, body: "SECRET note", internal: true, keepOpen: false, as: .agent("alice"), now: APIFixture.t0)
            _ = try await store.reply(ticket.id.rawValue, body: "Réessayez @everyone", internal: false, keepOpen: false, as: .agent("alice"), now: APIFixture.t0)
            try await fixture.run { api in
                // Only the service token
                #expect(try await api.call(.get, "/api/notifications", as: "agent").status == .forbidden)
                #expect(try await api.call(.get, "/api/notifications", as: "owner").status == .forbidden)
                let first = try await api.call(.get, "/api/notifications", as: "service")
                #expect(first.status == .ok)
                let items = first.json["notifications"] as? [[String: Any]] ?? []
                #expect(items.map { $0["kind"] as? String } == ["created", "replied"])
                #expect(items.allSatisfy { $0["user_id"] as? String == APIFixture.owner.description })
                #expect(!first.text.contains("SECRET"))
                // User text is escaped for Discord: the mention is broken by a zero-width space
                #expect((items.last?["text"] as? String ?? "").contains("@\u{200B}everyone"))
                // Leased: a second bot instance gets nothing meanwhile
                let second = try await api.call(.get, "/api/notifications", as: "service")
                #expect((second.json["notifications"] as? [Any])?.isEmpty == true)
                // Acknowledged: 204, idempotent; an unknown id is a 404
                for item in items {
                    let id = try #require(item["id"] as? Int)
                    #expect(try await api.call(.post, "/api/notifications/\(id)/ack", as: "service").status == .noContent)
                    #expect(try await api.call(.post, "/api/notifications/\(id)/ack", as: "service").status == .noContent)
                }
                #expect(try await api.call(.post, "/api/notifications/999999/ack", as: "service").status == .notFound)
            }
            // Delivered: nothing comes back, even after the lease
            let later = try await store.leaseUserNotifications(
                limit: 50, owner: "bot:other", now: APIFixture.t0.addingTimeInterval(7200), lease: 60)
            #expect(later.isEmpty)
        }
    }
}

/// `GET /metrics`: the business gauges from the store, then what the serving process adds, on both backends.
@Suite struct MetricsEndpointTests {
    @Test("metrics are computed from the store, without ids", arguments: Backend.enabled)
    func metricsAreComputedFromTheStoreWithoutIds(backend: Backend) async throws {
        try await withAPI(backend) { fixture in
            let ticket = try await fixture.ticket()
            _ = try await fixture.tickets.escalate(ticket.id.rawValue, as: APIFixture.admin, now: APIFixture.t0)
            var logger = Logger(label: "triage.api.tests")
            logger.logLevel = .warning
            let app = Application(router: fixture.router(metrics: { "triage_runner_example_total 3\n" }), logger: logger)
            try await app.test(.router) { client in
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                    let text = String(buffer: response.body)
                    #expect(text.contains(#"triage_tickets{status="open",priority="high",category="billing"} 1"#))
                    #expect(text.contains(#"triage_tickets_sla{state="ok",priority="high"} 1"#))
                    #expect(text.contains("triage_tickets_unassigned 1"))
                    #expect(text.contains("triage_tickets_created_total 1"))
                    #expect(text.contains("triage_escalations_unacknowledged 1"))
                    #expect(text.contains(#"triage_outbox{target="admin-tickets",status="pending"} 1"#))
                    #expect(text.contains(#"triage_outbox_oldest_pending_age_seconds{target="admin-tickets"} 3600"#))
                    #expect(text.contains("triage_runner_example_total 3"))
                    #expect(!text.contains(ticket.id.rawValue) && !text.contains(APIFixture.owner.description))
                }
            }
        }
    }
}
