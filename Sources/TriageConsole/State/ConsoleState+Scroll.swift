import Foundation
import TriageCore

/// The pages that scroll by line (the lists scroll by their selection instead).
public enum ScrollPage: Sendable {
    /// The ticket's detail, full-screen or beside the list.
    case detail
    case stats
    case help
}

/// A move through a page.
public enum ScrollMove: Equatable, Sendable {
    case lines(Int)
    case pages(Int)
    case halfPages(Int)
    case top
    case bottom
}

extension ConsoleState {
    /// The keys that move through a page: `j` `k` `↓` `↑` a line, `PgDn` `PgUp` `Space` a page, `Ctrl-D` `Ctrl-U` half
    /// a page, `g` `G` `Home` `End` the ends.
    static func scrollMove(for key: Key) -> ScrollMove? {
        switch key {
        case .down, .character("j"): .lines(1)
        case .up, .character("k"): .lines(-1)
        case .pageDown, .character(" "): .pages(1)
        case .pageUp: .pages(-1)
        case .control("d"): .halfPages(1)
        case .control("u"): .halfPages(-1)
        case .home, .character("g"): .top
        case .end, .character("G"): .bottom
        default: nil
        }
    }

    /// Moves through a page, never past its ends (so the first key back moves at once).
    mutating func scroll(_ page: ScrollPage, _ move: ScrollMove, now: Date) {
        let limit = scrollLimit(page, now: now)
        let rows = max(1, pageRows(page))
        let current = min(scrollOffset(page), limit)
        let target: Int =
            switch move {
            case .lines(let n): current + n
            case .pages(let n): current + n * max(1, rows - 1)
            case .halfPages(let n): current + n * max(1, rows / 2)
            case .top: 0
            case .bottom: limit
            }
        setScrollOffset(page, max(0, min(limit, target)))
    }

    func scrollOffset(_ page: ScrollPage) -> Int {
        switch page {
        case .detail: detailScroll
        case .stats: statsScroll
        case .help: helpScroll
        }
    }

    mutating func setScrollOffset(_ page: ScrollPage, _ value: Int) {
        switch page {
        case .detail: detailScroll = value
        case .stats: statsScroll = value
        case .help: helpScroll = value
        }
    }

    /// The rows a page shows in this layout.
    func pageRows(_ page: ScrollPage) -> Int {
        let layout = self.layout
        switch page {
        case .detail: return layout.detailArea(fullScreen: detailOpen).height
        case .stats: return StatsView.pageArea(layout.body).height
        case .help: return layout.helpInside.height
        }
    }

    /// How far a page can scroll: its lines (laid out as the view lays them out) less the rows it shows.
    public func scrollLimit(_ page: ScrollPage, now: Date) -> Int {
        let layout = self.layout
        let lines: Int
        switch page {
        case .detail:
            guard let detail else { return 0 }
            let area = layout.detailArea(fullScreen: detailOpen)
            lines = DetailView.lines(detail, state: self, width: Layout.pageTextWidth(area), glyphs: .unicode, now: now).count
        case .stats:
            lines = StatsView.lines(self, width: Layout.pageTextWidth(StatsView.pageArea(layout.body)), glyphs: .unicode, now: now).count
        case .help:
            lines = HelpView.lines(.unicode, width: Layout.pageTextWidth(HelpView.pageArea(layout.helpInside))).count
        }
        return max(0, lines - pageRows(page))
    }

    /// Keeps every page's scroll within its lines after a resize or a reload.
    mutating func clampScrolls(now: Date) {
        for page in [ScrollPage.detail, .stats, .help] {
            setScrollOffset(page, min(scrollOffset(page), scrollLimit(page, now: now)))
        }
    }
}
