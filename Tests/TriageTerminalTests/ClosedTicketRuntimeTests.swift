import Foundation
import Testing
import TriageConsole
import TriageCore
import TriageStore

@testable import TriageTerminal

/// B1 end to end through the runtime and the store: a colleague's close of the ticket an agent has open, and the
/// agent's own close, both leave the agent on the next ticket, and no later key reaches the closed one.
@Suite struct ClosedTicketRuntimeTests {
    func store() throws -> TicketStore { try TerminalFixture.store("b1", tickets: 60, seed: 11) }

    /// A console as alice with `keys` typed, one per turn of its loop.
    func console(_ store: TicketStore, keys: [Key] = []) throws -> (ConsoleRuntime, FakeTerminal) {
        let terminal = FakeTerminal(width: 100, height: 30, input: keys.map { .key($0) })
        let runtime = ConsoleRuntime(
            terminal: terminal, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark,
            pollMilliseconds: 10)
        runtime.settle()
        return (runtime, terminal)
    }

    /// Runs the loop until `done` or a generous bound (the refresh comes from the store's change check).
    func run(_ runtime: ConsoleRuntime, until done: (ConsoleState) -> Bool) {
        for _ in 0..<200 where !done(runtime.currentState) {
            runtime.run(maxIterations: 2)
            runtime.settle()
        }
    }

    @Test func aColleaguesCloseSendsMeBackToTheQueueAndMyNextKeysActOnTheNextTicket() throws {
        // Given alice with the first ticket open full-screen
        let store = try store()
        let (alice, terminal) = try console(store, keys: [.enter])
        run(alice) { $0.detailOpen && $0.detail != nil }
        let first = try #require(alice.currentState.detail?.ticket)
        let next = try #require(alice.currentState.visibleTickets(now: Date()).dropFirst().first)
        // When bruno, in another process, closes it
        let bruno = try TicketStore.open(path: store.path)
        try bruno.close(first.id.rawValue, resolution: "Fait", as: .agent("bruno"), now: Date())
        run(alice) { !$0.detailOpen }
        // Then alice is back on the queue, on the ticket that followed, and told who closed hers
        #expect(!alice.currentState.detailOpen)
        #expect(alice.currentState.selectedID == next.id)
        #expect(alice.currentFrame?.text.contains("\(first.id) was closed by bruno") == true)
        // And her next keys act on that ticket: p low changes it, not the closed one
        terminal.input = ([.character("p")] + "low".map { Key.character($0) } + [.enter]).map { .key($0) }
        run(alice) { _ in (try? store.ticket(next.id.rawValue, as: .agent("alice")).priority) == .low }
        #expect(try store.ticket(next.id.rawValue, as: .agent("alice")).priority == .low)
        let closed = try store.detail(first.id.rawValue, as: .agent("alice"))
        #expect(closed.ticket.status == .closed && closed.ticket.priority == first.priority)
        #expect(!closed.events.contains { $0.kind == .priorityChanged || ($0.kind == .assigned && $0.actor == "alice") })
    }

    @Test func myOwnCloseFromTheDetailAsksThenGoesToTheNextTicket() throws {
        let store = try store()
        let (alice, terminal) = try console(store, keys: [.enter])
        run(alice) { $0.detailOpen && $0.detail != nil }
        let first = try #require(alice.currentState.detail?.ticket)
        let next = try #require(alice.currentState.visibleTickets(now: Date()).dropFirst().first)
        // x, a resolution, then n: close without asking the user
        terminal.input = ([.character("x")] + "Doublon".map { Key.character($0) } + [.enter, .character("n")]).map { .key($0) }
        run(alice) { !$0.detailOpen }
        #expect(try store.ticket(first.id.rawValue, as: .agent("alice")).status == .closed)
        #expect(try store.ticket(first.id.rawValue, as: .agent("alice")).resolution == "Doublon")
        #expect(alice.currentState.selectedID == next.id)
        // No feedback request went to the user for it
        #expect(try !store.outbox(as: .agent("alice")).contains { $0.ticketID == first.id && $0.target == .user && $0.notice?.kind == .closed })
        #expect(try store.outbox(as: .agent("alice")).contains { $0.ticketID == first.id && $0.target == .adminTickets && $0.notice?.kind == .closed })
    }
}
