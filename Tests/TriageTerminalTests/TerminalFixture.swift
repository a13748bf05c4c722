import Foundation
import TriageStore

/// Stores on real files (the runtime's change detection needs one) for the terminal tests.
enum TerminalFixture {
    /// A fresh store file in its own temporary folder, seeded with `tickets` tickets when more than zero.
    static func store(_ name: String, tickets: Int = 0, weeks: Int = 1, seed: UInt64 = 1) throws -> TicketStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-\(name)-\(UUID().uuidString)/s.sqlite").path
        let store = try TicketStore.open(path: path)
        if tickets > 0 { try store.seed(tickets: tickets, weeks: weeks, seed: seed, now: Date()) }
        return store
    }
}
