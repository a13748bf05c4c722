import Foundation
import Testing
import TriageCore
import TriageStore

#if canImport(Glibc)
    import Glibc
#endif

/// W4 in a real terminal (tmux): emoji sequences reach the screen whole, every row keeps its columns whatever the
/// terminal joins, and redraws leave no stray letters.
@Suite(.serialized) struct ConsoleGraphemeEndToEndTests {
    typealias Tmux = ConsoleEndToEndTests.Tmux

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("triage-e2e-grapheme-\(UUID().uuidString)")
    var db: String { folder.appendingPathComponent("desk.sqlite").path }

    func create(_ subject: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["--db", db, "--as", "alice", "ticket", "create", subject, "billing", "high", "desc", "--user", "123456789012345678"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    /// The display column where `marker` starts on each line that has it, by the console's own widths.
    static func columns(of marker: String, in screen: String) -> [Int] {
        screen.split(separator: "\n").compactMap { line in
            line.range(of: marker).map { TerminalText.width(String(line[..<$0.lowerBound])) }
        }
    }

    @Test(.enabled(if: Tmux.available), arguments: [(80, 24), (200, 60)])
    func emojiClustersAreWholeAlignedAndLeaveNothingBehind(width: Int, height: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for subject in ["Dev 👩‍💻 flag 🇫🇷 café e\u{301} ok 👍🏽 fin", "Plain ASCII subject", "日本語のチケット件名"] { try create(subject) }
        let tmux = Tmux(
            command: "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \(CLITests.binary) console --db \(db) --as alice; sleep 60", width: width, height: height)
        #expect(tmux.waitFor("Plain ASCII") != nil, "\(tmux.screen())")
        let first = tmux.waitForStillScreen()
        // Whole clusters reached the terminal: the joined emoji and the flag, not their first code point
        #expect(first.contains("👩‍💻") && first.contains("🇫🇷") && first.contains("e\u{301}"), "\(first)")
        // Every queue row has its assignee and status columns where the others have them
        let assignee = Self.columns(of: "–        open", in: first)
        #expect(assignee.count == 3 && Set(assignee).count == 1, "\(assignee) in\n\(first)")
        // Moving the selection over the row and back, opening the ticket and closing it redraw the rows: the
        // screen comes back exactly as it was, with no stray letters
        for keys in [["j"], ["k"], ["Enter"], ["Escape"], ["?"], ["q"]] {
            let before = tmux.screen()
            tmux.keys(keys[0])
            tmux.waitUntil(timeout: 2) { $0 != before }
            tmux.waitForStillScreen()
        }
        #expect(tmux.waitFor("Plain ASCII") != nil)
        let again = tmux.waitForStillScreen()
        // (up to the assignee column: the ages and the detail beside the list may tick meanwhile)
        let rows = { (screen: String) in
            screen.split(separator: "\n").compactMap { line in line.range(of: "–        open").map { String(line[..<$0.lowerBound]) } }
        }
        #expect(rows(again) == rows(first), "\(again)")
    }
}
