import Foundation
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// The list micro-cache never serves a stale or someone else's page (the fixture's clock stands still, so every
/// request falls in the same second: only the ticket counter and the caller decide).
@Suite struct PageCacheTests {
    @Test func aChangeToAnyTicketRefreshesThePage() async throws {
        let fixture = try APIFixture()
        try fixture.ticket()
        try await fixture.run { api in
            let first = try await api.get("/api/tickets", as: "agent")
            #expect(first.tickets.count == 1)
            // Created through the API, then directly in the store (another process in real life)
            let created = try await api.post("/api/tickets", as: "service", TicketEndpointTests.createBody)
            #expect(created.status == .created)
            let r1 = try await api.get("/api/tickets", as: "agent")
            #expect(r1.tickets.count == 2)
            let other = try fixture.ticket(for: APIFixture.other, subject: "Autre")
            let r2 = try await api.get("/api/tickets", as: "agent")
            #expect(r2.ticketIDs.contains(other.id.rawValue))
            // A close removes it from the queue at once
            try fixture.store.close(other.id.rawValue, resolution: nil, as: .agent("alice"), now: APIFixture.t0)
            let r3 = try await api.get("/api/tickets", as: "agent")
            #expect(!r3.ticketIDs.contains(other.id.rawValue))
        }
    }

    @Test func pagesAreCachedPerCallerAndQuery() async throws {
        let fixture = try APIFixture()
        let mine = try fixture.ticket()
        let theirs = try fixture.ticket(for: APIFixture.other, subject: "Pas à vous")
        try await fixture.run { api in
            let r4 = try await api.get("/api/tickets", as: "agent")
            #expect(r4.ticketIDs == [mine.id.rawValue, theirs.id.rawValue])
            // Straight after the staff page, a user gets only their own tickets
            let r5 = try await api.get("/api/tickets", as: "owner")
            #expect(r5.ticketIDs == [mine.id.rawValue])
            let r6 = try await api.get("/api/tickets", as: "other")
            #expect(r6.ticketIDs == [theirs.id.rawValue])
            let r7 = try await api.get("/api/tickets?user_id=\(APIFixture.owner)", as: "service")
            #expect(r7.ticketIDs == [mine.id.rawValue])
            let r8 = try await api.get("/api/tickets?category=account", as: "agent")
            #expect(r8.tickets.isEmpty)
        }
    }
}
