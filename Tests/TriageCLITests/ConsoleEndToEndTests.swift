import Foundation
import Testing
import TriageCore
import TriageStore

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary in a real terminal (tmux): what an agent sees and does.
@Suite(.serialized) struct ConsoleEndToEndTests {
    /// A tmux server of its own, with one window running a command.
    final class Tmux {
        let socket = "triage-e2e-\(UUID().uuidString.prefix(8))"
        let session = "t"

        static var available: Bool {
            ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        }

        @discardableResult
        func tmux(_ arguments: [String], capture: Bool = true) -> String {
            guard capture else {
                // `new-session` leaves a server behind: run it through the shell so nothing waits on its descriptors.
                let quoted = (["tmux", "-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
                _ = system(quoted.joined(separator: " ") + " </dev/null >/dev/null 2>&1")
                return ""
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["tmux", "-L", socket] + arguments
            // The server that `new-session` starts would hold a captured pipe open for ever.
            let out = Pipe()
            process.standardOutput = capture ? out : FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try? process.run()
            let data = capture ? out.fileHandleForReading.readDataToEndOfFile() : Data()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        init(command: String, width: Int = 120, height: Int = 40) {
            // The console reads UTF-8 keys only under a UTF-8 locale: do not depend on the machine's.
            setenv("LANG", "C.UTF-8", 1)
            setenv("LC_ALL", "C.UTF-8", 1)
            tmux(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command], capture: false)
        }

        deinit { tmux(["kill-server"], capture: false) }

        /// The pid of the program running in the pane (the shell's child).
        func programPID() -> String? {
            let shell = tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["pgrep", "-P", shell, "-x", "triage"]
            let out = Pipe()
            process.standardOutput = out
            try? process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
        }

        func screen() -> String { tmux(["capture-pane", "-p", "-t", session]) }
        func keys(_ keys: String...) { tmux(["send-keys", "-t", session] + keys, capture: false) }
        func type(_ text: String) { tmux(["send-keys", "-t", session, "-l", text], capture: false) }
        func resize(_ width: Int, _ height: Int) {
            tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)], capture: false)
        }

        /// Waits until the screen contains `text`; returns how long it took, or nil after `timeout`.
        @discardableResult
        func waitFor(_ text: String, timeout: TimeInterval = 10) -> TimeInterval? {
            waitUntil(timeout: timeout) { $0.contains(text) }
        }

        /// Waits until `condition` holds for the screen; returns how long it took, or nil after `timeout`.
        @discardableResult
        func waitUntil(timeout: TimeInterval = 10, _ condition: (String) -> Bool) -> TimeInterval? {
            let start = Date()
            while Date().timeIntervalSince(start) < timeout {
                if condition(screen()) { return Date().timeIntervalSince(start) }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return nil
        }

        /// Waits until the screen stops changing (the same in two captures a poll apart), and returns it.
        @discardableResult
        func waitForStillScreen(timeout: TimeInterval = 10) -> String {
            var last = screen()
            waitUntil(timeout: timeout) { current in
                defer { last = current }
                return current == last && !current.isEmpty
            }
            return last
        }
    }

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("triage-e2e-\(UUID().uuidString)")
    var db: String { folder.appendingPathComponent("desk.sqlite").path }

    func triage(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["--db", db, "--as", "alice"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func console() -> Tmux {
        Tmux(
            command:
                "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \(CLITests.binary) console --db \(db) --as alice --poll-ms 100; echo EXITED $?; stty -a; sleep 60"
        )
    }

    @Test(.enabled(if: Tmux.available)) func theQueueLiveRepliesResizeAndQuit() throws {
        // Given a store with some history
        _ = try triage(["seed", "--tickets", "300", "--weeks", "3"])
        let tmux = console()
        #expect(tmux.waitFor("Queue by SLA urgency") != nil, "\(tmux.screen())")

        // The queue shows in SLA order: the rows on screen follow `ticket list`
        let listed =
            try JSONSerialization.jsonObject(with: Data(try triage(["ticket", "list", "--limit", "10", "--json"]).utf8)) as! [String: Any]
        let ids = (listed["tickets"] as! [[String: Any]]).map { $0["ticket_id"] as! String }
        let rows = tmux.screen().split(separator: "\n").compactMap { line in ids.first { line.contains($0) } }
        #expect(Array(rows.prefix(8)) == Array(ids.prefix(8)))

        // A ticket created by another process appears within a second
        _ = try triage(["ticket", "create", "Écran noir au démarrage 🖥", "technical", "critical", "Rien ne s'affiche", "--user", "77"])
        let seen = tmux.waitFor("Écran noir au démarrage", timeout: 5)
        #expect(seen != nil && seen! < 1.0, "seen after \(String(describing: seen))s")

        // Typing a reply with accents and emoji and sending it lands in the store
        let selected = ids[0]
        tmux.keys("r")
        #expect(tmux.waitFor("Reply to \(selected)") != nil)
        tmux.type("Bonjour Zoé, c'est réglé ✅ 🙏")
        tmux.keys("C-s")
        #expect(tmux.waitFor("Reply sent on \(selected)") != nil, "\(tmux.screen())")
        let view = try triage(["ticket", "view", selected, "--json"])
        #expect(view.contains("Bonjour Zoé, c'est réglé ✅ 🙏"))

        // Resizing to 20×5 and back keeps it running
        tmux.resize(20, 5)
        #expect(tmux.waitFor("too small") != nil, "\(tmux.screen())")
        tmux.resize(120, 40)
        #expect(tmux.waitFor("Queue by SLA urgency") != nil)

        // q exits with the terminal restored (cooked mode, echo on)
        tmux.keys("q")
        #expect(tmux.waitFor("EXITED 0") != nil, "\(tmux.screen())")
        #expect(tmux.waitFor("icanon") != nil)
        let after = tmux.screen()
        #expect(after.contains(" icanon") && after.contains(" echo") && !after.contains("-icanon"), "\(after)")
    }

    @Test(.enabled(if: Tmux.available)) func sigtermRestoresTheTerminalAndKeepsTheDraft() throws {
        _ = try triage(["seed", "--tickets", "50", "--weeks", "1"])
        let tmux = console()
        #expect(tmux.waitFor("Queue by SLA urgency") != nil)
        tmux.keys("n")
        #expect(tmux.waitFor("Internal note on") != nil)
        tmux.type("brouillon très important 📝")
        #expect(tmux.waitFor("\("brouillon très important 📝".count) chars") != nil)
        Thread.sleep(forTimeInterval: 0.3)
        let pid = try #require(tmux.programPID())
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        kill.arguments = ["kill", "-TERM", pid]
        try kill.run()
        kill.waitUntilExit()
        #expect(tmux.waitFor("EXITED") != nil, "\(tmux.screen())")
        #expect(tmux.waitFor("icanon") != nil)
        #expect(tmux.screen().contains(" icanon") && !tmux.screen().contains("-icanon"))
        // The draft is there for the next console
        let store = try TicketStore.open(path: db)
        let first = try store.queue(QueueFilter(limit: 1), as: .agent("alice")).tickets[0]
        #expect(try store.draft(kind: .note, ticket: first.id.rawValue, as: .agent("alice")) == "brouillon très important 📝")
    }
}
