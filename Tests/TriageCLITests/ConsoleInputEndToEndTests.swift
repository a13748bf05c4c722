import Foundation
import Testing
import TriageCore
import TriageStore

#if canImport(Glibc)
    import Glibc
#endif

/// The console's input in a real terminal (tmux): text under a non-UTF-8 locale, a bracketed paste, Ctrl-Z and the
/// exit status after a signal.
@Suite(.serialized) struct ConsoleInputEndToEndTests {
    typealias Tmux = ConsoleEndToEndTests.Tmux

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("triage-e2e-input-\(UUID().uuidString)")
    var db: String { folder.appendingPathComponent("desk.sqlite").path }

    func seed() throws -> TicketStore {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["--db", db, "--as", "alice", "seed", "--tickets", "40", "--weeks", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return try TicketStore.open(path: db)
    }

    func console(locale: String) -> Tmux {
        Tmux(
            command:
                "env LANG=\(locale) LC_ALL=\(locale) \(CLITests.binary) console --db \(db) --as alice --poll-ms 100; echo EXITED $?; sleep 60")
    }

    /// The first ticket of the queue as alice sees it.
    func first(_ store: TicketStore) throws -> TicketID {
        try store.queue(QueueFilter(limit: 1), as: .agent("alice")).tickets[0].id
    }

    @Test(.enabled(if: Tmux.available)) func underLangCAccentsAndEmojiAreTypedSentAndKept() throws {
        // Given a console under LANG=C (B2: the editor used to drop "é" and every key after it)
        let store = try seed()
        let id = try first(store)
        let tmux = console(locale: "C")
        #expect(tmux.waitFor("Queue by SLA urgency") != nil, "\(tmux.screen())")
        tmux.keys("r")
        #expect(tmux.waitFor("Reply to \(id)") != nil)
        // When the agent types French with an emoji and sends
        let text = "Bonjour Zoé, c'est réglé ✅ à bientôt"
        tmux.type(text)
        #expect(tmux.waitFor("\(text.count) chars") != nil, "every character is in the editor: \(tmux.screen())")
        tmux.keys("C-s")
        #expect(tmux.waitFor("Reply sent on \(id)") != nil, "\(tmux.screen())")
        // Then the store has exactly what was typed
        #expect(try store.detail(id.rawValue, as: .agent("alice")).messages.last?.body == text)
    }

    @Test(.enabled(if: Tmux.available)) func aBracketedPasteLandsAsTextWithItsNewlines() throws {
        let store = try seed()
        let id = try first(store)
        let tmux = console(locale: "C.UTF-8")
        #expect(tmux.waitFor("Queue by SLA urgency") != nil)
        tmux.keys("r")
        #expect(tmux.waitFor("Reply to \(id)") != nil)
        // A paste whose lines would be commands if typed (q quits, x closes)
        let pasted = "Voici la marche à suivre :\nq ouvrez les réglages\nx redémarrez"
        tmux.tmux(["set-buffer", "-b", "paste", pasted], capture: false)
        tmux.tmux(["paste-buffer", "-p", "-b", "paste", "-t", tmux.session], capture: false)
        #expect(tmux.waitFor("x redémarrez") != nil, "\(tmux.screen())")
        tmux.keys("C-s")
        #expect(tmux.waitFor("Reply sent on \(id)") != nil, "\(tmux.screen())")
        #expect(try store.detail(id.rawValue, as: .agent("alice")).messages.last?.body == pasted)
    }

    @Test(.enabled(if: Tmux.available)) func sigtermExitsWith143AndCtrlZStopsTheJobUntilFg() throws {
        _ = try seed()
        // SIGTERM: the console stops cleanly and exits as a signal's 128 + 15
        let tmux = console(locale: "C.UTF-8")
        #expect(tmux.waitFor("Queue by SLA urgency") != nil)
        let pid = try #require(tmux.programPID())
        kill(pid_t(pid)!, SIGTERM)
        #expect(tmux.waitFor("EXITED 143") != nil, "\(tmux.screen())")

        // Ctrl-Z in a shell with job control: the job stops with the terminal given back, fg brings it back drawn
        let shell = Tmux(command: "bash --norc --noprofile -i")
        shell.waitUntil { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        shell.type("LANG=C.UTF-8 \(CLITests.binary) console --db \(db) --as alice")
        shell.keys("Enter")
        #expect(shell.waitFor("Queue by SLA urgency") != nil, "\(shell.screen())")
        shell.keys("C-z")
        #expect(shell.waitFor("Stopped") != nil, "\(shell.screen())")
        shell.type("fg")
        shell.keys("Enter")
        #expect(shell.waitFor("Queue by SLA urgency") != nil, "\(shell.screen())")
        // The keys work again (raw mode back): q quits with status 0, and the shell has the terminal again
        shell.keys("q")
        shell.waitUntil { !$0.contains("Queue by SLA urgency") }
        #expect(!shell.screen().contains("Queue by SLA urgency"), "\(shell.screen())")
        shell.type("echo STATUS $?")
        shell.keys("Enter")
        #expect(shell.waitFor("STATUS 0") != nil, "\(shell.screen())")
    }
}
