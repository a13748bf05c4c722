import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// One layout for the reducer and the views: what the reducer pages by is what the views draw, at every size.
@Suite struct LayoutTests {
    typealias F = ConsoleFixture

    /// `count` open tickets, each due six minutes after the one before (the first 180 breached or close to it).
    static func manyTickets(_ count: Int) -> [Ticket] {
        (0..<count).map { i in
            var t = F.ticket("1", "Ticket number \(i)", .technical, .medium, hoursAgo: 60 - Double(i) * 0.1)
            t.id = TicketID(String(format: "TKT%06d", i))!
            return t
        }.inQueueOrder()
    }

    static func state(width: Int, height: Int, tickets: Int) -> ConsoleState {
        var state = F.state(width: width, height: height)
        _ = reduce(&state, .queueLoaded(manyTickets(tickets), QueueSummary()), now: F.now)
        return state
    }

    /// The ticket ids listed on screen, top to bottom (not the status bar's).
    static func listedIDs(_ buffer: ScreenBuffer) -> [String] {
        buffer.lines.dropLast().compactMap { line in line.range(of: #"TKT\d{6}"#, options: .regularExpression).map { String(line[$0]) } }
    }

    @Test("the list shows as many rows as the reducer pages by", arguments: [(80, 24), (120, 40), (149, 30), (150, 30), (200, 60), (40, 10)])
    func listRowsAgree(width: Int, height: Int) {
        var state = Self.state(width: width, height: height, tickets: 300)
        let rows = state.layout.listRows
        #expect(Self.listedIDs(F.render(state)).count == rows)
        // A page down lands on the last row drawn, the next one scrolls by a whole page and keeps it in view.
        F.press([.pageDown], &state)
        #expect(Self.listedIDs(F.render(state)).last == state.selectedID?.rawValue)
        F.press([.pageDown], &state)
        let shown = Self.listedIDs(F.render(state))
        #expect(shown.count == rows)
        #expect(shown.contains(state.selectedID!.rawValue))
    }

    @Test func theWatchScrollsSteadily() {
        var state = Self.state(width: 80, height: 24, tickets: 120)
        F.press([.character("2")], &state)
        let rows = state.layout.listRows
        #expect(state.watchTickets(now: F.now).count > rows)
        F.press(Array(repeating: .down, count: rows + 5), &state)
        let bottom = Self.listedIDs(F.render(state))
        #expect(bottom.last == state.watchSelectedID?.rawValue)
        // Going back up one row moves the cursor, not the page.
        F.press([.up], &state)
        #expect(Self.listedIDs(F.render(state)) == bottom)
        F.press([.character("G")], &state)
        #expect(Self.listedIDs(F.render(state)).last == state.watchTickets(now: F.now).last?.id.rawValue)
        #expect(F.render(state).lines[1].contains("of \(state.watchTickets(now: F.now).count)"))
    }

    @Test("the editor wraps where its box is drawn", arguments: [(60, 20), (80, 24), (160, 40), (200, 60)])
    func editorWidthAgrees(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        F.press([.character("r")] + F.type(String(repeating: "mot ", count: 80)), &state)
        let lines = F.render(state).lines
        let top = try! #require(lines.first { $0.contains("┌─ Reply to") })
        let left = TerminalText.width(String(top[..<top.firstIndex(of: "┌")!]))
        let inside = TerminalText.width(top) - left - 2
        #expect(state.layout.editorTextWidth == inside)
        // Up and down move by the rows drawn: from the end, up goes to the row above at the same column.
        let rows = state.editor!.editor.layout(width: state.layout.editorTextWidth)
        let before = state.editor!.editor.cursorPosition(width: state.layout.editorTextWidth)
        F.press([.up], &state)
        let after = state.editor!.editor.cursorPosition(width: state.layout.editorTextWidth)
        #expect(rows.count > 2)
        #expect(after.row == before.row - 1)
    }

    @Test func wideTerminalsGiveTheSubjectTheRoom() {
        let narrow = QueueView.layout(width: 80)
        let subject80 = narrow.first { $0.title == "SUBJECT" }!.width
        #expect(subject80 >= 24, "80 columns: the subject gets \(subject80)")
        let state = Self.state(width: 200, height: 60, tickets: 10)
        let list = state.layout.list
        let columns = QueueView.layout(width: list.width)
        #expect(columns.contains { $0.title == "REQUESTER" })
        #expect(columns.first { $0.title == "SUBJECT" }!.width >= 40)
        #expect(state.layout.side!.width >= 76, "the detail beside the list is readable")
    }

    @Test func timesAreShownInTheStatesTimeZone() {
        var state = F.state(width: 100, height: 24)
        _ = reduce(&state, .key(.enter), now: F.now)
        _ = reduce(&state, .detailLoaded(F.detail(F.tickets[0])), now: F.now)
        #expect(F.render(state).lines.contains { $0.contains("── bob · 2026-11-25 09:00") })
        state.timeZone = TimeZone(identifier: "Europe/Paris")!
        #expect(F.render(state).lines.contains { $0.contains("── bob · 2026-11-25 10:00") })
    }
}
