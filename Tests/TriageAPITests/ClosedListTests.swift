import Foundation
import HTTPTypes
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// W2 (issue 10): `status=closed` lists are paged like the queue: a `next_cursor` while more remain, honoured, each
/// closed ticket once, most recently closed first (ties by id).
@Suite struct ClosedListTests {
    @Test func pagingThroughClosedTicketsGivesEachOnce() async throws {
        // Given 7 closed tickets, three of them closed in the same second, and one open ticket
        let fixture = try APIFixture()
        var closed: [(at: Date, id: String)] = []
        for (n, offset) in [100, 200, 200, 200, 300, 400, 50].enumerated() {
            let ticket = try fixture.ticket(subject: "Ticket \(n)")
            let at = APIFixture.t0.addingTimeInterval(TimeInterval(offset))
            try fixture.store.close(ticket.id.rawValue, resolution: nil, as: .agent("alice"), now: at)
            closed.append((at, ticket.id.rawValue))
        }
        try fixture.ticket(subject: "Still open")
        let expected = closed.sorted { ($0.at, $1.id) > ($1.at, $0.id) }.map(\.id)
        try await fixture.run { api in
            for token in ["agent", "owner"] {
                // When the caller pages through them two at a time
                var seen: [String] = []
                var cursor: String?
                for _ in 0..<10 {
                    let page = try await api.get(
                        "/api/tickets?status=closed&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), as: token)
                    #expect(page.status == .ok, "\(page)")
                    seen += page.tickets.compactMap { $0["ticket_id"] as? String }
                    cursor = page.json["next_cursor"] as? String
                    if cursor == nil { break }
                }
                // Then each closed ticket comes once, in closed_at DESC, id order
                #expect(seen == expected, "\(token)")
            }
            // A queue cursor is not a closed list's, nor the other way round
            let queuePage = try await api.get("/api/tickets?limit=1", as: "agent")
            #expect(queuePage.json["next_cursor"] as? String == nil)  // one open ticket: no next page
            let closedPage = try await api.get("/api/tickets?status=closed&limit=1", as: "agent")
            let closedCursor = try #require(closedPage.json["next_cursor"] as? String)
            let mixed = try await api.get("/api/tickets?status=open&cursor=\(closedCursor)", as: "agent")
            #expect(mixed.status == .unprocessableContent)
            #expect(mixed.errorField == "cursor")
        }
    }
}
