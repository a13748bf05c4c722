import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// The status bar at any width: whole hints only (never a word cut), `? help` and `q quit` always there, and where
/// a scrolled page is.
@Suite struct StatusLineTests {
    typealias F = ConsoleFixture

    @Test(arguments: [40, 60, 80, 120, 200])
    func hintsAreWholeAndHelpStays(width: Int) {
        for glyphs in [Glyphs.unicode, .ascii] {
            for keys: [Key] in [[], [.character("2")], [.character("3")], [.enter]] {
                var state = F.state(width: width, height: 24)
                F.press(keys, &state)
                let line = F.render(state, glyphs: glyphs).lines.last!
                #expect(line.hasSuffix("? help") || line.hasSuffix("q quit") || line.contains("? help"), "\(width) \(keys): \(line)")
                #expect(TerminalText.width(line) <= width)
                // Every hint shown is one of the screen's whole hints
                let separator = glyphs.ui(" · ")
                for item in line.trimmingCharacters(in: .whitespaces).components(separatedBy: separator) where !item.hasPrefix("lines ") {
                    #expect(!item.hasSuffix("…"), "\(width): \(line)")
                }
            }
        }
    }

    @Test func aScrolledPageSaysWhereItIs() {
        var state = ScrollTests.statsState()
        let total = state.scrollLimit(.stats, now: F.now) + state.pageRows(.stats)
        #expect(F.render(state).lines.last!.hasSuffix("lines 1–21 of \(total)"))
        F.press([.character("G")], &state)
        #expect(F.render(state).lines.last!.hasSuffix("lines \(total - 20)–\(total) of \(total)"))
        // A page that fits says nothing
        var queue = F.state(width: 80, height: 24)
        F.press([.enter], &queue)
        _ = reduce(&queue, .detailLoaded(F.detail(F.tickets[0])), now: F.now)
        #expect(!F.render(queue).lines.last!.contains("lines "))
    }

    @Test func longMessagesEndInAnEllipsis() {
        var state = F.state(width: 50, height: 12)
        _ = reduce(&state, .failed("no ticket TKT999999, and a message far longer than the status line can show"), now: F.now)
        let line = F.render(state).lines.last!
        #expect(line.hasSuffix("…"))
        #expect(TerminalText.width(line) <= 50)
    }
}
