import Foundation
import TriageConsole
import TriageCore
import TriageStore

/// Opens the full-screen console on a store and runs it until the agent quits; the terminal is restored on every
/// way out (quit, Ctrl-C, SIGTERM, SIGHUP, an error, a crash).
public enum ConsoleLauncher {
    public static func run(store: TicketStore, agent: String, theme themeName: String, pollMilliseconds: Int?) throws {
        try run(backend: try StoreBackend(store: store, agent: agent), agent: agent, theme: themeName, pollMilliseconds: pollMilliseconds)
    }

    /// The console on either backend's store.
    public static func run(backend: StoreBackend, agent: String, theme themeName: String, pollMilliseconds: Int?) throws {
        let theme = try ThemeLoader.load(themeName)
        guard isatty(0) == 1 && isatty(1) == 1 else {
            throw TicketError.storage("the console needs a terminal (stdin and stdout must be a tty)")
        }
        ConsoleRuntime.installStopSignals()
        let terminal = try CursesTerminal()
        defer { terminal.restore() }
        let runtime = ConsoleRuntime(terminal: terminal, backend: backend, agent: agent, theme: theme, pollMilliseconds: pollMilliseconds)
        // The canned replies, read once: the editor's Ctrl-T lists them.
        let replies = ReplyLoader.load()
        runtime.handle(.repliesLoaded(replies.templates), now: Date())
        if !replies.problems.isEmpty {
            let skipped = replies.problems.joined(separator: ", ")
            runtime.handle(.failed("Canned replies skipped (a title line, then the text): \(skipped)"), now: Date())
        }
        runtime.run()
    }
}
