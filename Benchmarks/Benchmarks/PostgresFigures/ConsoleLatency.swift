import Foundation
import Synchronization
import TriageConsole
import TriageCore
import TriageTerminal

/// A terminal that draws nothing and notes when a frame first shows the text it waits for. Its input is an idle pipe,
/// so the console's loop waits on it and on the store's feed together, as on a real terminal.
final class ProbeTerminal: TerminalDevice, @unchecked Sendable {
    let size = (width: 200, height: 60)
    let colors = 256
    let unicode = true
    let pipe = Pipe()
    let wanted = Mutex<String?>(nil)
    let seenAt = Mutex<ContinuousClock.Instant?>(nil)
    var inputDescriptor: Int32? { pipe.fileHandleForReading.fileDescriptor }
    func read(timeout milliseconds: Int) -> InputEvent? {
        if milliseconds > 0 { _ = poll_(inputDescriptor!, milliseconds) }
        return nil
    }
    func present(_ buffer: ScreenBuffer) {
        if let text = wanted.withLock({ $0 }), seenAt.withLock({ $0 }) == nil, buffer.text.contains(text) {
            seenAt.withLock { $0 = .now }
        }
    }
    func bell() {}
    func restore() {}
}

func poll_(_ fd: Int32, _ milliseconds: Int) -> Int32 {
    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&p, 1, Int32(milliseconds))
}

/// A console running on its own thread against one backend, and how long a colleague's commit takes to reach its
/// screen: the colleague assigns the ticket at the top of the queue to a fresh name, which its row shows.
final class WatchedConsole: @unchecked Sendable {
    let name: String
    let store: any ConsoleStoring
    let terminal = ProbeTerminal()
    let runtime: ConsoleRuntime
    let feed: any TicketFeed
    let stop = Atomic<Bool>(false)

    init(name: String, store: any ConsoleStoring) async throws {
        self.name = name
        self.store = store
        feed = try await store.ticketFeed(as: .agent("alice"))
        let backend = try StoreBackend(store: store, feed: feed, agent: "alice")
        runtime = ConsoleRuntime(terminal: terminal, backend: backend, agent: "alice", theme: BuiltinThemes.dark)
        let owner = self
        Thread.detachNewThread { owner.runtime.run() }
    }

    /// The id of the ticket at the top of the console's queue, once it has loaded.
    func top() async throws -> String {
        while true {
            if let first = runtime.currentState.tickets.first { return first.id.rawValue }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Milliseconds from the start of the colleague's commit to the first frame showing it.
    func probe(_ round: Int) async throws -> Double {
        let id = try await top()
        let probe = "p\(round)x\(Int.random(in: 1000...9999))"
        terminal.seenAt.withLock { $0 = nil }
        terminal.wanted.withLock { $0 = probe }
        let start = ContinuousClock.now
        _ = try await store.assign(id, to: probe, as: .agent("bruno"), now: Date())
        let deadline = start + .seconds(5)
        while terminal.seenAt.withLock({ $0 }) == nil && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        let seen = terminal.seenAt.withLock { $0 } ?? .now
        let d = seen - start
        return Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
    }

    func close() {
        feed.stop()
    }
}
