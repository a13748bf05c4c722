import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// A vocabulary value this build does not know (a newer Triage's, or one written by hand) is a clear storage error
/// naming the column and the value, never read as a default: a priority as medium, an author as the system, a role
/// as a user.
@Suite struct StrictColumnTests {
    func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            guard case .storage(let message) = error as? TicketError else { return "not a storage error: \(error)" }
            return message
        }
    }

    @Test func anUnknownPriorityIsAnErrorNotMedium() throws {
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        try store.dbWriter.write { db in
            try db.execute(sql: "UPDATE tickets SET priority = 'urgent' WHERE id = ?", arguments: [ticket.id.rawValue])
        }
        let message = refusal { _ = try store.ticket(ticket.id.rawValue, as: Fixture.agent) }
        #expect(message == "the store's tickets.priority holds 'urgent', which is not a Priority this build knows")
    }

    @Test func anUnknownAuthorKindIsAnError() throws {
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        try store.reply(ticket.id.rawValue, body: "Toujours refusée", as: .user(Fixture.owner), now: Fixture.at(1))
        try store.dbWriter.write { db in
            try db.execute(sql: "UPDATE messages SET author_kind = 'robot\u{1B}[2J' WHERE ticket_id = ?", arguments: [ticket.id.rawValue])
        }
        let message = refusal { _ = try store.detail(ticket.id.rawValue, as: Fixture.agent) }
        #expect(message?.hasPrefix("the store's messages.author_kind holds 'robot") == true)
        #expect(message?.contains("\u{1B}") == false)
    }

    @Test func aTicketOwnedByNoValidUserIsAnErrorNotUserZero() throws {
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        try store.dbWriter.write { db in
            try db.execute(sql: "UPDATE tickets SET user_id = 'someone' WHERE id = ?", arguments: [ticket.id.rawValue])
        }
        let message = refusal { _ = try store.ticket(ticket.id.rawValue, as: Fixture.agent) }
        #expect(message == "the store's tickets.user_id holds 'someone', which is not a Discord id this build knows")
    }
}
