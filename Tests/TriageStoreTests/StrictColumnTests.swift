import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// A vocabulary value this build does not know (a newer Triage's, or one written by hand past the database's checks,
/// which these tests drop) is a clear storage error naming the column and the value, never read as a default: a
/// priority as medium, an author as the system, a ticket as user 0's.
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
            try db.execute(sql: "DROP TRIGGER tickets_vocabulary_update")
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
            try db.execute(sql: "DROP TRIGGER messages_vocabulary_update")
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

    /// The database itself refuses an unknown value on insert and on update, whoever writes (v16).
    @Test func theDatabaseRefusesAnUnknownValue() throws {
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        try store.reply(ticket.id.rawValue, body: "Toujours refusée", as: .user(Fixture.owner), now: Fixture.at(1))
        for sql in [
            "UPDATE tickets SET priority = 'urgent' WHERE id = ?", "UPDATE tickets SET category = 'Billing' WHERE id = ?",
            "UPDATE messages SET author_kind = 'bot' WHERE ticket_id = ?",
            "INSERT INTO events (ticket_id, kind, actor, at) VALUES (?, 'deleted', 'x', 0)",
            "INSERT INTO outbox (dedupe_key, ticket_id, target, cause, kind, created_at, next_attempt_at) VALUES ('k', ?, 'email', 'c', 'created', 0, 0)",
        ] {
            #expect(throws: DatabaseError.self, "\(sql)") {
                try store.dbWriter.write { db in try db.execute(sql: sql, arguments: [ticket.id.rawValue]) }
            }
        }
        #expect(try store.ticket(ticket.id.rawValue, as: Fixture.agent).priority == .high)
    }

    /// The lists the database checks are exactly the enums' values: a new value in Core fails here until a new
    /// migration teaches the database.
    @Test func theDatabasesListsAreTheEnums() throws {
        let store = try Fixture.store()
        let triggers = try store.dbWriter.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_vocabulary_insert'")
        }.joined(separator: "\n")
        func list(_ values: [String]) -> String { "(" + values.map { "'\($0)'" }.joined(separator: ", ") + ")" }
        for (column, values) in [
            ("NEW.category", TriageCore.Category.allCases.map(\.rawValue)), ("NEW.priority", Priority.allCases.map(\.rawValue)),
            ("NEW.sla_rule", SLARule.allCases.map(\.rawValue)), ("NEW.author_kind", AuthorKind.allCases.map(\.rawValue)),
            ("NEW.kind", EventKind.allCases.map(\.rawValue)), ("NEW.target", NotificationTarget.allCases.map(\.rawValue)),
            ("NEW.kind", Notice.Kind.allCases.map(\.rawValue)),
        ] {
            #expect(triggers.contains("\(column) NOT IN \(list(values))"), "\(column): \(values)")
        }
    }
}
