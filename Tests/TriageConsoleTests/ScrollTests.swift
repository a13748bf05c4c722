import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// Every screen scrolls (B4): the stats, the detail and the help are pages with a scroll bar; their last line is
/// reachable at 80×24, the keys never scroll past an end, and a resize keeps the page in range.
@Suite struct ScrollTests {
    typealias F = ConsoleFixture

    /// A week with a dozen reminders and every recommendation: far taller than 80×24.
    static func statsState(width: Int = 80, height: Int = 24) -> ConsoleState {
        var state = F.state(width: width, height: height)
        F.press([.character("3")], &state)
        let week = ISOWeek(containing: F.now)
        let sample = WeekSample(
            week: week, openedByCategory: [.billing: 4, .technical: 6, .account: 3], resolutions: [.init(seconds: 7200, slaHours: 24, met: true)],
            previousResolved: 2, firstResponses: [3600], ratings: [5, 4, 1], breaches: 1, backlogAtEnd: 9, unassignedOpen: 3, criticalOpen: 2,
            asOf: F.now)
        let reminders = (1...12).map { i in
            Reminder(
                ticketID: TicketID(String(format: "TKT%06d", i))!, category: .billing, subject: "Reminder number \(i)",
                requester: UserID(123_456_789_012_345_678), waitingHours: Double(24 + i))
        }
        let model = StatsModel(
            stats: WeeklyStats(sample: sample, policy: .default),
            trend: (0..<12).map { TrendWeek(week: week, opened: $0, resolved: 11 - $0) }, reminders: reminders)
        _ = reduce(&state, .statsLoaded(week, model), now: F.now)
        return state
    }

    /// The scroll bar's column (the page's last) from the first page row to the last.
    static func bar(_ buffer: ScreenBuffer, rows: ClosedRange<Int>) -> String {
        String(rows.map { buffer[buffer.width - 1, $0].character })
    }

    @Test func theStatsScrollToTheirLastLineAt80x24() throws {
        var state = Self.statsState()
        let first = F.render(state)
        #expect(!first.text.contains("Reminder number 12"), "the page is taller than the screen")
        #expect(Self.bar(first, rows: 2...22).contains("┃"), "a scroll bar says so")
        #expect(Self.bar(first, rows: 2...22).hasSuffix("↓"), "more below")
        // G: the last line of the page is in view, the bar says there is more above
        F.press([.character("G")], &state)
        let last = F.render(state)
        let recommendations = try #require(state.stats?.stats.recommendations)
        let words = try #require(recommendations.last?.split(separator: " ").prefix(3).joined(separator: " "))
        #expect(last.text.contains(words))
        #expect(last.text.contains("Reminder number 12"))
        #expect(Self.bar(last, rows: 2...22).hasPrefix("↑"))
        // Never past the end: another j stays, and the first k moves back at once
        let bottom = state.statsScroll
        #expect(bottom == state.scrollLimit(.stats, now: F.now))
        F.press([.character("j"), .down, .pageDown], &state)
        #expect(state.statsScroll == bottom)
        F.press([.character("k")], &state)
        #expect(state.statsScroll == bottom - 1)
        F.press([.control("u")], &state)
        #expect(state.statsScroll == bottom - 1 - state.pageRows(.stats) / 2)
        F.press([.character("g")], &state)
        #expect(state.statsScroll == 0)
        // Browsing the weeks keeps the keys of the page
        #expect(F.press([.left], &state) == [.loadStats(ISOWeek(containing: F.now).previous)])
    }

    @Test func everyReminderIsListedWithAWayIn() {
        var state = Self.statsState(width: 200, height: 60)
        let text = F.render(state).text
        for i in 1...12 { #expect(text.contains("Reminder number \(i)")) }
        #expect(text.contains(":view TKT… opens one"))
        // :view opens a reminder's ticket full-screen
        let effects = F.press([.character(":")] + F.type("view TKT000012") + [.enter], &state)
        #expect(effects == [.loadDetail(TicketID("TKT000012")!)])
        #expect(state.detailOpen)
    }

    /// A ticket whose thread is far taller than the screen.
    static func longDetail(_ ticket: Ticket) -> TicketDetail {
        let messages = (1...20).map { (i: Int) -> Message in
            let agent = i % 2 == 0
            let body = "Message number \(i), with enough words to take a line or two at eighty columns, maybe more."
            return Message(
                id: Int64(i), ticketID: ticket.id, authorKind: agent ? AuthorKind.agent : AuthorKind.user, author: agent ? "bob" : "123",
                body: body, isInternal: false, createdAt: F.now.addingTimeInterval(Double(i - 30) * 60))
        }
        return TicketDetail(ticket: ticket, messages: messages, events: [])
    }

    @Test func theFullScreenDetailScrollsAndNeverSwitchesTicket() {
        var state = F.state(width: 80, height: 24)
        F.press([.enter], &state)
        _ = reduce(&state, .detailLoaded(Self.longDetail(F.tickets[0])), now: F.now)
        #expect(!F.render(state).text.contains("Message number 20"))
        for keys: [Key] in [[.character("G")], [.end], [.control("d"), .control("d"), .control("d"), .control("d"), .control("d"), .control("d")]] {
            var s = state
            let effects = F.press(keys, &s)
            #expect(effects.isEmpty, "no other ticket is loaded")
            #expect(s.detail?.ticket.id == F.tickets[0].id)
            if keys.count == 1 { #expect(F.render(s).text.contains("Message number 20")) }
        }
        F.press([.character("G")], &state)
        let bottom = state.detailScroll
        F.press([.pageDown, .character("J")], &state)
        #expect(state.detailScroll == bottom)
        F.press([.pageUp], &state)
        #expect(state.detailScroll == bottom - (state.pageRows(.detail) - 1))
        F.press([.home], &state)
        #expect(state.detailScroll == 0)
    }

    @Test func theHelpScrollsToItsEndAndAnyOtherKeyClosesIt() {
        var state = F.state(width: 80, height: 24)
        F.press([.character("?")], &state)
        #expect(!F.render(state).text.contains(":quit"))
        F.press([.character("G")], &state)
        let text = F.render(state).text
        #expect(text.contains("scroll bar: where the page is"), "the legend's last line")
        F.press([.pageUp, .character("k")], &state)
        #expect(state.showHelp)
        F.press([.character("x")], &state)
        #expect(!state.showHelp)
        #expect(state.helpScroll == 0)
    }

    @Test func aResizeKeepsEveryPageInRange() {
        var state = Self.statsState()
        F.press([.character("G")], &state)
        _ = reduce(&state, .resized(width: 200, height: 60), now: F.now)
        #expect(state.statsScroll <= state.scrollLimit(.stats, now: F.now))
        let lines = F.render(state).lines
        #expect(lines[1].contains("Week"), "the title line stays")
    }
}
