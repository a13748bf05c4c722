import Foundation
import Testing
import TriageConsole
import TriageCore
import TriageStore

@testable import TriageTerminal

/// A terminal with a real input descriptor (an idle pipe), so the loop waits on it and on the store's write hint.
final class PipeTerminal: TerminalDevice {
    let size = (width: 100, height: 30)
    let colors = 256
    let unicode = true
    let pipe = Pipe()
    var frames = 0
    var last: ScreenBuffer?
    var inputDescriptor: Int32? { pipe.fileHandleForReading.fileDescriptor }
    func read(timeout milliseconds: Int) -> InputEvent? { nil }
    func present(_ buffer: ScreenBuffer) {
        frames += 1
        last = buffer
    }
    func bell() {}
    func restore() {}
}

@Suite struct LiveChangesTests {
    @Test func anotherProcessesCommitWakesTheConsoleLongBeforeItsPoll() throws {
        // Given a console whose safety-net poll is ten minutes away
        let store = try TerminalFixture.store("live", tickets: 50, seed: 3)
        let terminal = PipeTerminal()
        let runtime = ConsoleRuntime(
            terminal: terminal, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark,
            pollMilliseconds: 600_000)
        runtime.run(maxIterations: 2)
        runtime.settle()
        #expect(runtime.currentState.queueVersion != nil)
        // When another connection (another process in real life) creates a ticket and closes another
        let other = try TicketStore.open(path: store.path)
        let gone = try #require(runtime.currentState.tickets.first)
        let created = try other.create(
            NewTicket(requester: UserID(42), subject: "Réveil immédiat ⏰", category: .account, priority: .critical, description: "d"),
            as: .user(UserID(42)), now: Date())
        try other.close(gone.id.rawValue, resolution: nil, as: .agent("bob"), now: Date())
        // Then the write to the store's files wakes the loop: the ticket is on screen without waiting for the poll
        // (each turn of the loop waits at most a quarter of a second; a minute of turns is far short of the poll)
        for _ in 0..<240 where !(terminal.last?.text.contains("Réveil immédiat") ?? false) {
            runtime.run(maxIterations: 1)
            runtime.settle()
        }
        #expect(terminal.last?.text.contains("Réveil immédiat") == true)
        #expect(runtime.currentState.tickets.contains { $0.id == created.id })
        #expect(!runtime.currentState.tickets.contains { $0.id == gone.id })
        #expect(runtime.currentState.arrivals[created.id] != nil)
    }
}
