import Foundation
import TriageCore

/// The status bar's hints and scroll position, fitted to the width: hints are dropped whole from the end (never cut
/// in the middle of a word), `? help` and `q quit` are kept last, and a page that scrolls says where it is at the
/// right.
enum StatusLine {
    /// Hints that stay whatever the width, in this order, at the end.
    static let kept = ["? help", "q quit"]

    /// `hints` (items separated by ` · `, each shown through `glyphs.ui`) fitted to `width` columns, with
    /// `position` right-aligned when there is room for it and at least one hint.
    static func fit(_ hints: String, position: String?, width: Int, glyphs: Glyphs) -> (hints: String, position: String?) {
        let items = hints.components(separatedBy: " · ")
        let last = items.filter { kept.contains($0) }.map(glyphs.ui)
        let rest = items.filter { !kept.contains($0) }.map(glyphs.ui)
        let separator = glyphs.ui(" · ")
        let positionWidth = position.map { TerminalText.width($0) + 3 } ?? 0
        func joined(_ chosen: [String]) -> String { (chosen + last).joined(separator: separator) }
        var chosen: [String] = []
        for item in rest {
            let candidate = joined(chosen + [item])
            if 1 + TerminalText.width(candidate) + positionWidth > width { break }
            chosen.append(item)
        }
        var text = joined(chosen)
        var shownPosition = position
        if 1 + TerminalText.width(text) + positionWidth > width {
            // Not even the kept hints fit beside the position: the position goes first, then the text is cut.
            shownPosition = nil
            text = TerminalText.truncate(joined(chosen.isEmpty ? Array(rest.prefix(1)) : chosen), to: max(0, width - 1))
        }
        return (text, shownPosition)
    }

    /// Where the page on screen is scrolled to (`lines 12–33 of 80`), when it is taller than its area.
    static func position(_ state: ConsoleState, now: Date) -> String? {
        let page: ScrollPage
        if state.showHelp {
            page = .help
        } else if state.detailOpen {
            page = .detail
        } else if state.screen == .stats {
            page = .stats
        } else {
            return nil
        }
        let limit = state.scrollLimit(page, now: now)
        guard limit > 0 else { return nil }
        let rows = state.pageRows(page)
        let first = min(state.scrollOffset(page), limit)
        return "lines " + ScrollBar.position(first: first, visible: rows, total: limit + rows)
    }
}
