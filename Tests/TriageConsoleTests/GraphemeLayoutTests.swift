import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// W4: a cell holds a whole grapheme cluster, a wide one takes its cell and continuation cells, truncation and
/// wrapping never split one, and no drawing leaves half a wide cluster on the screen.
@Suite struct GraphemeLayoutTests {
    typealias F = ConsoleFixture

    static let clusters = ["👩‍💻", "🇫🇷", "👍🏽", "e\u{301}", "❤️", "日", "👨‍👩‍👧‍👦"]

    /// Every row is whole clusters: each cell that starts a cluster is followed by exactly its width less one
    /// continuation cells, and nothing else is a continuation.
    static func wellFormed(_ buffer: ScreenBuffer) -> [String] {
        var problems: [String] = []
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let cell = buffer[x, y]
                if cell.continuation {
                    problems.append("(\(x),\(y)) continues nothing")
                    x += 1
                    continue
                }
                let width = max(1, TerminalText.width(of: cell.character))
                for extra in 1..<width where x + extra < buffer.width && !buffer[x + extra, y].continuation {
                    problems.append("(\(x),\(y)) '\(cell.character)' lost its continuation")
                }
                x += width
            }
        }
        return problems
    }

    @Test func aCellHoldsAWholeCluster() {
        var buffer = ScreenBuffer(width: 30, height: 1)
        let end = buffer.put(Self.clusters.joined(separator: "|"), x: 0, y: 0, style: .plain)
        var x = 0
        for cluster in Self.clusters {
            #expect(buffer[x, 0].character == cluster.first!, "\(cluster) whole in one cell")
            let width = TerminalText.width(of: cluster.first!)
            for extra in 1..<max(1, width) { #expect(buffer[x + extra, 0].continuation) }
            x += width + 1
        }
        #expect(end == x - 1)
        #expect(buffer.lines[0] == Self.clusters.joined(separator: "|"))
        #expect(Self.wellFormed(buffer).isEmpty)
    }

    /// Cells are plain data: a cluster of several scalars is held by number, the same cluster by the same number.
    @Test func cellsOfTheSameClusterAreEqualAndGiveItBack() {
        for cluster in Self.clusters + ["e\u{301}", "a", "é", "\u{FFFD}"] {
            let character = cluster.first!
            #expect(Cell(character) == Cell(Character(String(cluster))), "\(cluster)")
            #expect(Cell(character).character == character, "\(cluster) back whole")
            #expect(Cell(character).isASCII == character.isASCII)
        }
        #expect(Cell("👩‍💻") != Cell("👩"))
        var cell = Cell("x", style: CellStyle(bold: true))
        cell.character = "🇫🇷"
        #expect(cell.character == "🇫🇷" && cell.style.bold)
    }

    /// `put(_:padTo:)` writes what putting the padded text would, without building it.
    @Test func paddedTextIsPutAsThePaddedStringWouldBe() {
        let texts = ["", "TKT1", "exactly10!", "a longer text than the column", "Crash 🔥", "👩‍💻 dev", "é\u{301}", "tab\there", "\u{1B}[31m"]
        for text in texts {
            for (x, columns) in [(0, 10), (3, 4), (25, 10), (-2, 6), (0, 1)] {
                for right in [false, true] {
                    var padded = ScreenBuffer(width: 30, height: 1)
                    var expected = ScreenBuffer(width: 30, height: 1)
                    padded.put(text, x: x, y: 0, style: .plain, padTo: columns, alignRight: right)
                    expected.put(TerminalText.pad(text, to: columns, alignRight: right), x: x, y: 0, style: .plain, maxWidth: columns)
                    #expect(padded == expected, "\(text.debugDescription) at \(x) in \(columns) \(right ? "right" : "left")")
                }
            }
        }
    }

    @Test func truncationAndWrappingNeverSplitACluster() {
        let text = "ab👩‍💻cd🇫🇷e\u{301}f👍🏽"
        for columns in 1...14 {
            let cut = TerminalText.truncate(text, to: columns)
            #expect(TerminalText.width(cut) <= columns)
            #expect(cut.allSatisfy { text.contains($0) || $0 == "…" }, "\(columns): \(cut)")
            for line in TextLayout.wrap(text, width: max(2, columns)) {
                #expect(TerminalText.width(line) <= max(2, columns))
                #expect(line.allSatisfy { text.contains($0) })
            }
        }
        #expect(TerminalText.truncate(text, to: 5) == "ab👩‍💻…")
        #expect(TerminalText.truncate(text, to: 4) == "ab…")
        // A wide cluster that does not fit the end of a column is a blank, not half a cluster
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("abc👩‍💻", x: 0, y: 0, style: .plain, maxWidth: 4)
        #expect(buffer.lines[0] == "abc")
        #expect(Self.wellFormed(buffer).isEmpty)
    }

    @Test func drawingOverHalfAWideClusterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        buffer.put("日本👍🏽x", x: 0, y: 0, style: .plain)
        buffer.put("|", x: 1, y: 0, style: .plain)  // the right half of 日
        buffer.put("|", x: 4, y: 0, style: .plain)  // the left half of 👍🏽
        #expect(buffer.lines[0] == " |本| x")
        buffer.put("日本", x: 0, y: 1, style: .plain)
        buffer.fill(Rect(x: 1, y: 1, width: 2, height: 1), style: .plain)  // a box edge over both
        #expect(buffer.lines[1] == "")
        #expect(Self.wellFormed(buffer).isEmpty)
    }

    @Test(arguments: [(80, 24), (84, 12), (200, 60)])
    func queueRowsStayAlignedWithEmojiSubjects(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        let subjects = [
            "Dev 👩‍💻 flag 🇫🇷 ok 👍🏽 café e\u{301} love ❤️ fam 👨‍👩‍👧‍👦 end", "Plain ASCII subject", "日本語のチケット件名 テスト",
        ]
        let tickets = subjects.enumerated().map { i, subject in F.ticket(String(i + 5), subject, hoursAgo: 2) }
        _ = reduce(&state, .queueLoaded(tickets, QueueSummary()), now: F.now)
        _ = reduce(&state, .detailLoaded(F.detail(tickets[0])), now: F.now)
        for keys: [Key] in [[], [.down], [.down, .up], [.enter], [.character("?")]] {
            var s = state
            F.press(keys, &s)
            let buffer = F.render(s)
            #expect(Self.wellFormed(buffer).isEmpty, "\(keys)")
            // The column after the subject starts at the same place on every row (display columns, not characters)
            let rows = buffer.lines.filter { $0.contains("TKT00000") && $0.contains("–") }
            let columns = Set(rows.map { TerminalText.width(String($0[..<$0.range(of: "–")!.lowerBound])) })
            if keys.isEmpty { #expect(rows.count == 3 && columns.count == 1, "\(rows)") }
        }
    }

    @Test func overlaysOverWideTextLeaveNoHalves() {
        var state = F.state(width: 81, height: 24)
        let wide = F.ticket("5", String(repeating: "日本👩‍💻🇫🇷", count: 12), hoursAgo: 2)
        _ = reduce(&state, .queueLoaded([wide] + F.tickets, QueueSummary()), now: F.now)
        _ = reduce(&state, .detailLoaded(F.detail(wide)), now: F.now)
        for keys: [Key] in [[.character("?")], [.character("r")] + F.type("🇫🇷👍🏽 日本"), [.enter, .character("x")]] {
            var s = state
            F.press(keys, &s)
            #expect(Self.wellFormed(F.render(s)).isEmpty, "\(keys)")
        }
    }
}
