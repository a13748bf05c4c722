import Foundation
import Testing
import TriageConsole
import TriageCore
import TriageStore

@testable import TriageTerminal

/// The seen mark of a ticket watched while it changes is written at most every `seenInterval`; the last one is never
/// lost (written by the next effect after the interval, or when the console stops).
@Suite struct SeenMarkBackendTests {
    @Test func marksOfAWatchedTicketAreHeldThenWrittenAndAnotherTicketsAtOnce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-seen-\(UUID().uuidString)/s.sqlite").path
        let store = try TicketStore.open(path: path)
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        func create(_ subject: String) throws -> Ticket {
            try store.create(
                NewTicket(requester: UserID(42), subject: subject, category: .billing, priority: .high, description: "Mes gemmes"),
                as: .user(UserID(42)), now: t0)
        }
        let a = try create("A")
        let b = try create("B")
        let backend = try StoreBackend(store: store, agent: "alice")
        func seen(_ id: TicketID) throws -> Date? { try store.lastSeen(of: [id], as: .agent("alice"))[id]?.at }
        // The first mark is written at once
        _ = backend.perform(.markSeen(a.id, at: t0.addingTimeInterval(1)), now: t0)
        #expect(try seen(a.id) == t0.addingTimeInterval(1))
        // A second of the same ticket within the interval is held
        _ = backend.perform(.markSeen(a.id, at: t0.addingTimeInterval(2)), now: t0.addingTimeInterval(1))
        #expect(try seen(a.id) == t0.addingTimeInterval(1))
        // Any effect after the interval writes it
        _ = backend.perform(.loadDrafts, now: t0.addingTimeInterval(StoreBackend.seenInterval + 1))
        #expect(try seen(a.id) == t0.addingTimeInterval(2))
        // Another ticket's mark is written at once, and writes the one held before it
        _ = backend.perform(.markSeen(a.id, at: t0.addingTimeInterval(3)), now: t0.addingTimeInterval(StoreBackend.seenInterval + 2))
        _ = backend.perform(.markSeen(b.id, at: t0.addingTimeInterval(4)), now: t0.addingTimeInterval(StoreBackend.seenInterval + 2))
        #expect(try seen(a.id) == t0.addingTimeInterval(3))
        #expect(try seen(b.id) == t0.addingTimeInterval(4))
        // And stopping writes what is held
        _ = backend.perform(.markSeen(b.id, at: t0.addingTimeInterval(5)), now: t0.addingTimeInterval(StoreBackend.seenInterval + 2.5))
        #expect(try seen(b.id) == t0.addingTimeInterval(4))
        backend.flushSeen()
        #expect(try seen(b.id) == t0.addingTimeInterval(5))
    }
}
