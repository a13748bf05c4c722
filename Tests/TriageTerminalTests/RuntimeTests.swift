import Foundation
import Testing
import TriageConsole
import TriageCore
import TriageStore

@testable import TriageTerminal

/// A terminal that replays scripted input and keeps what was presented.
final class FakeTerminal: TerminalDevice {
    var size: (width: Int, height: Int)
    let colors = 256
    let unicode = true
    var input: [InputEvent]
    var frames: [ScreenBuffer] = []
    var bells = 0
    var restored = false

    init(width: Int, height: Int, input: [InputEvent]) {
        size = (width, height)
        self.input = input
    }

    /// One event per wait, as a person types: nothing is "already buffered" when the loop drains.
    func read(timeout milliseconds: Int) -> InputEvent? {
        guard !input.isEmpty, milliseconds > 0 else {
            // Waiting for a key takes the time it would on a real terminal.
            if milliseconds > 0 { Thread.sleep(forTimeInterval: Double(milliseconds) / 1000) }
            return nil
        }
        let event = input.removeFirst()
        if case .resize(let w, let h) = event { size = (w, h) }
        return event
    }

    func present(_ buffer: ScreenBuffer) { frames.append(buffer) }
    func bell() { bells += 1 }
    func restore() { restored = true }
}

@Suite struct RuntimeTests {
    func store() throws -> TicketStore { try TerminalFixture.store("rt", tickets: 120, weeks: 2, seed: 9) }

    func keys(_ text: String) -> [InputEvent] { text.map { .key(.character($0)) } }

    @Test func theLoopDrawsTheQueueRepliesAndQuits() throws {
        // Given a store and a terminal that will select the second ticket, reply in French with an emoji, and quit
        let store = try store()
        let terminal = FakeTerminal(
            width: 100, height: 30,
            input: [.key(.down), .key(.character("r"))] + keys("Réglé ✅ merci !") + [.key(.control("s")), .key(.character("q"))])
        let runtime = ConsoleRuntime(
            terminal: terminal, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark)
        // When (the first turn loads the queue; the reply goes to its second ticket)
        runtime.run(maxIterations: 0)
        let second = try #require(runtime.currentState.tickets.dropFirst().first)
        runtime.run(maxIterations: 200)
        runtime.settle()
        // Then the queue was drawn, the reply is in the store, the draft is gone, and the loop ended on q
        #expect(terminal.frames.first?.text.contains("Queue by SLA urgency") == true)
        #expect(runtime.currentState.quitting)
        let thread = try store.detail(second.id.rawValue, as: .agent("alice")).messages
        #expect(thread.last?.body == "Réglé ✅ merci !")
        #expect(thread.last?.author == "alice")
        #expect(try store.draft(kind: .reply, ticket: second.id.rawValue, as: .agent("alice")) == nil)
    }

    @Test func aDraftIsSavedAsYouTypeAndComesBack() throws {
        let store = try store()
        let first = FakeTerminal(width: 100, height: 30, input: [.key(.character("n"))] + keys("Vérifier Stripe 🔍"))
        let runtime = ConsoleRuntime(
            terminal: first, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark)
        runtime.settle()
        runtime.run(maxIterations: 40)
        runtime.settle()
        // The console is gone without sending (a kill): the draft is in the store
        let id = try #require(runtime.currentState.selectedID)
        #expect(try store.draft(kind: .note, ticket: id.rawValue, as: .agent("alice")) == "Vérifier Stripe 🔍")
        // A new console on the same ticket gets it back in the editor
        let second = FakeTerminal(width: 100, height: 30, input: [.key(.character("n"))])
        let again = ConsoleRuntime(
            terminal: second, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark)
        again.settle()
        again.run(maxIterations: 5)
        again.settle()
        #expect(again.currentState.editor?.editor.text == "Vérifier Stripe 🔍")
    }

    @Test func anotherProcessesTicketAppearsAndAnIdleConsoleDrawsNothing() throws {
        let store = try store()
        let terminal = FakeTerminal(width: 100, height: 30, input: [])
        let runtime = ConsoleRuntime(
            terminal: terminal, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark,
            pollMilliseconds: 10)
        runtime.run(maxIterations: 3)
        runtime.settle()
        // Idle: frames only when something changes
        let framesBefore = runtime.framesPresented
        runtime.render(now: Date())
        #expect(runtime.framesPresented == framesBefore)
        // Another connection (another process in real life) creates a ticket
        let other = try TicketStore.open(path: store.path)
        let created = try other.create(
            NewTicket(
                requester: UserID(42), subject: "Nouveau ticket urgent", category: .account, priority: .critical, description: "Aidez-moi"),
            as: .user(UserID(42)), now: Date())
        // The loop notices at its next poll (allow for a loaded machine)
        for _ in 0..<100 where !runtime.currentState.tickets.contains(where: { $0.id == created.id }) {
            runtime.run(maxIterations: 2)
            runtime.settle()
        }
        #expect(runtime.currentState.tickets.contains { $0.id == created.id })
        #expect(runtime.currentFrame?.text.contains("Nouveau ticket urgent") == true)
        #expect(runtime.currentState.arrivals[created.id] != nil)
    }

    @Test func resizesAndTinySizesNeverBreakTheLoop() throws {
        let store = try store()
        let sizes: [InputEvent] = [
            .resize(width: 20, height: 5), .resize(width: 1, height: 1), .resize(width: 0, height: 0), .resize(width: 160, height: 50),
        ]
        let terminal = FakeTerminal(width: 80, height: 24, input: sizes + [.key(.character("?")), .key(.escape), .key(.character("3"))])
        let runtime = ConsoleRuntime(
            terminal: terminal, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark)
        runtime.run(maxIterations: 20)
        runtime.settle()
        #expect(terminal.frames.contains { $0.width == 20 && $0.lines[0].hasPrefix("Terminal too small") })
        #expect(terminal.frames.last?.width == 160)
        #expect(runtime.currentState.screen == .stats)
    }

    @Test func writesThatFailBecomeStatusMessages() throws {
        let store = try store()
        let terminal = FakeTerminal(
            width: 100, height: 30, input: [.key(.character(":"))] + keys("view TKTZZZZZZ") + [.key(.enter)] + keys("o"))
        let runtime = ConsoleRuntime(
            terminal: terminal, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark)
        runtime.settle()
        runtime.run(maxIterations: 30)
        runtime.settle()
        #expect(runtime.currentState.status?.isError == true)
        #expect(
            runtime.currentState.status?.text.hasPrefix("no ticket") == true
                || runtime.currentState.status?.text.contains("not closed") == true)
    }

    @Test func themesLoadByNameOrPathAndBadOnesSayWhy() throws {
        #expect(try ThemeLoader.load("light").name == "light")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).toml").path
        try "[ok]\nfg = \"nope\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try ThemeLoader.load(path)
        } throws: { error in
            (error as? TicketError)?.description.contains("theme key 'ok.fg'") == true
        }
        #expect(throws: TicketError.self) { try ThemeLoader.load("no-such-theme") }
    }
}
