import Foundation
import Testing
import TriageCore

@testable import TriageConsole

@Suite struct ViewTests {
    typealias F = ConsoleFixture

    @Test func theQueueAsText() {
        let lines = F.render(F.state(width: 84, height: 12)).lines
        #expect(lines[0].hasPrefix(" Triage  1 Queue  2 Watch  3 Stats   3 open · 1 wait · ✖1 breach · ▲1 warn · 1 crit"))
        let wide = F.render(F.state(width: 140, height: 12)).lines
        #expect(wide[0].contains("3 open · 1 waiting · ✖1 breached · ▲1 warning · 1 critical · 3 unassigned"))
        #expect(lines[1].hasPrefix(" Queue by SLA urgency"))
        // 84 columns: short words for the priority, category and status leave the subject 31 columns
        #expect(lines[2] == "  SLA      ID        PRIO CATEG.  SUBJECT                        ASSIGNEE STAT  AGE")
        #expect(lines[3] == "  ✖ -3h00m TKT000001 high billing Paiement refusé                –        open  27h")
        #expect(lines[4] == "  ▲ 4h00m  TKT000002 crit account Can't log in                   –        open   8h")
        #expect(lines[5] == "  ● 41h    TKT000003 med  tech    Crash au lancement 🔥          bob      open   7h")
        #expect(lines[6] == "  ‖ 71h    TKT000004 low  general Question                       –        wait   1h")
        #expect(lines[11].hasPrefix(" j/k move"))
        // Narrower: the category goes before the subject gets too short
        let narrow = F.render(F.state(width: 60, height: 12)).lines
        #expect(narrow[2] == "  SLA      ID        PRIO SUBJECT                  ASSIGNEE")
    }

    @Test func urgencyIsColourAndSymbol() {
        let theme = BuiltinThemes.dark
        let buffer = F.render(F.state(width: 84, height: 12), theme: theme)
        // The selected row is highlighted; its SLA cell is a badge in the breach colour
        #expect(buffer[10, 3].style.background == theme[.selected].background)
        #expect(buffer[2, 3].style.background == theme[.breached].foreground)
        #expect(buffer[2, 4].style.foreground == theme[.warning].foreground)
        #expect(buffer[2, 5].style.foreground == theme[.ok].foreground)
        // With no colour at all the symbols still tell the states apart
        let mono = F.render(F.state(width: 84, height: 12), theme: Theme.monochrome, glyphs: .ascii).lines
        #expect(mono[3].contains("X -3h00m TKT000001 high billing Paiement refuse"))
        #expect(mono[4].contains("! 4h00m"))
        #expect(mono[6].contains("= 71h"))
        let allASCII = mono.joined().allSatisfy { $0.isASCII }
        #expect(allASCII, "a non-UTF-8 locale gets ASCII only")
    }

    @Test func detailShowsTheRuleAndMarksInternalNotes() {
        var state = F.state(width: 100, height: 24)
        _ = reduce(&state, .key(.enter), now: F.now)
        _ = reduce(&state, .detailLoaded(F.detail(F.tickets[0])), now: F.now)
        let lines = F.render(state).lines
        #expect(lines[1] == "TKT000001  Paiement refusé")
        #expect(lines[2].hasPrefix("SLA  ✖ -3h00m  BREACHED  due 2026-11-25 07:00 · 24h set by category and priority"))
        #expect(lines.contains("▌ INTERNAL NOTE · bob · 2026-11-25 09:30 · agents only"))
        #expect(lines.contains("▌ Stripe shows two captures"))
        #expect(lines.contains { $0.hasPrefix("── bob · 2026-11-25 09:00 ──") })
    }

    @Test func wideTerminalsShowTheDetailBesideTheQueue() {
        var state = F.state(width: 160, height: 20)
        _ = reduce(&state, .detailLoaded(F.detail(F.tickets[0])), now: F.now)
        let lines = F.render(state).lines
        #expect(lines[1].contains("│ TKT000001  Paiement refusé"))
    }

    @Test func theEditorShowsTheTextWrappedAndTheSendKeys() {
        var state = F.state(width: 60, height: 20)
        F.press([.character("r")] + F.type("Bonjour Élodie, voici la réponse à votre question 🙏 merci"), &state)
        let lines = F.render(state).lines
        #expect(lines.contains { $0.hasPrefix("┌─ Reply to TKT000001 — the user will read this") })
        #expect(lines.contains("│Bonjour Élodie, voici la réponse à votre question 🙏      │"))
        #expect(lines.contains("│merci                                                     │"))
        #expect(lines.contains { $0.contains("Ctrl-S send · Esc set aside (kept) · Ctrl-X discard") })
    }

    @Test func helpListsTheKeys() {
        var state = F.state(width: 100, height: 60)
        F.press([.character("?")], &state)
        // The help scrolls: read it page by page to the end.
        var text = F.render(state).text
        var last = -1
        while state.helpScroll != last {
            last = state.helpScroll
            F.press([.pageDown], &state)
            text += F.render(state).text
        }
        #expect(state.showHelp, "paging does not close the help")
        for phrase in [
            "reply to the user", "internal note", "assign to me", "close with a resolution", "acknowledge the escalation", ":theme",
        ] {
            #expect(text.contains(phrase), "\(phrase)")
        }
    }

    @Test func statsDashboard() {
        var state = F.state(width: 110, height: 40)
        F.press([.character("3")], &state)
        let week = ISOWeek(containing: F.now)
        let sample = WeekSample(
            week: week, openedByCategory: [.billing: 4, .technical: 6], resolutions: [.init(seconds: 7200, slaHours: 24, met: true)],
            previousResolved: 2, firstResponses: [3600], ratings: [5, 4], breaches: 1, backlogAtEnd: 9, unassignedOpen: 3, criticalOpen: 0)
        let model = StatsModel(
            stats: WeeklyStats(sample: sample, policy: .default),
            trend: (0..<12).map { TrendWeek(week: week, opened: $0, resolved: 11 - $0) }, reminders: [])
        _ = reduce(&state, .statsLoaded(week, model), now: F.now)
        let text = F.render(state).text
        #expect(text.contains("Week 2026-W48"))
        #expect(text.contains("Opened 10   Resolved 1 (-50%)"))
        #expect(text.contains("✔  First response  1.0h"))
        #expect(text.contains("✘  Unassigned open 3"))
        #expect(text.contains("opened   ▁▁▂▂▂▂▃▃▄▄▄▄▅▅▅▅▆▆▇▇▇▇██"), "two columns a week at 110 columns")
        // The bars take the column's width: the largest share fills it
        #expect(text.contains("technical  █████████████████████████████    6  60%"))
        #expect(text.contains("Technical is 60% of the week's tickets"))
    }

    @Test("never overflows, whatever the size", arguments: [(1, 1), (20, 5), (39, 9), (40, 10), (61, 13), (80, 24), (200, 60)])
    func anySize(width: Int, height: Int) {
        var state = F.state(width: width, height: height)
        _ = reduce(&state, .detailLoaded(F.detail(F.tickets[0])), now: F.now)
        for keys: [Key] in [[], [.enter], [.character("r")] + F.type("Bonjour 🙏"), [.character("?")], [.character("3")], [.character("2")]]
        {
            var s = state
            F.press(keys, &s)
            let buffer = F.render(s)
            #expect(buffer.width == width && buffer.height == height)
            for line in buffer.lines { #expect(TerminalText.width(line) <= width) }
        }
    }

    @Test func escalationsShowWhetherOnCallAcknowledged() {
        var paged = F.tickets[0]
        paged.escalated = true
        var acked = F.tickets[1]
        acked.escalated = true
        acked.acknowledgedAt = F.now
        var state = F.state(width: 84, height: 12)
        _ = reduce(&state, .queueLoaded([paged, acked], QueueSummary()), now: F.now)
        let lines = F.render(state).lines
        #expect(lines[3].hasPrefix("⚑ ✖ -3h00m TKT000001"))
        #expect(lines[4].hasPrefix("⚐ ▲ 4h00m  TKT000002"))
    }

    @Test func tooSmallSaysSo() {
        let lines = F.render(F.state(width: 30, height: 6)).lines
        #expect(lines[0].hasPrefix("Terminal too small (30×6)"))
    }

    @Test func hostileTextCannotReachTheTerminal() {
        let evil = F.ticket(
            "5", "Hi\u{1B}[2J\u{1B}]0;owned\u{07}\u{202E}txt.exe\u{9B}1m and a very long word: \(String(repeating: "Ｗ", count: 80))",
            hoursAgo: 1)
        var state = F.state(width: 70, height: 20)
        _ = reduce(&state, .queueLoaded([evil], QueueSummary()), now: F.now)
        _ = reduce(&state, .detailLoaded(TicketDetail(ticket: evil, messages: [], events: [])), now: F.now)
        F.press([.enter], &state)
        let buffer = F.render(state)
        for cell in buffer.cells {
            for scalar in cell.character.unicodeScalars {
                #expect(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) && scalar.value != 0x202E)
            }
        }
        for line in buffer.lines { #expect(TerminalText.width(line) <= 70) }
    }
}

/// A queue longer than the console holds: the list says it shows the most urgent part, and a filter says what it
/// searched.
@Suite struct QueueWindowViewTests {
    typealias F = ConsoleFixture

    @Test func aQueueLongerThanTheWindowSaysSo() {
        let window = ConsoleState.queueWindow
        let model = F.ticket("1", "Ticket", .general, .low, hoursAgo: 1)
        let tickets = (0..<window).map { i in
            var t = model
            t.id = TicketID(String(format: "TKT%06d", i))!
            return t
        }.inQueueOrder()
        var state = ConsoleState(agent: "alice", policy: .default, width: 120, height: 20, now: F.now)
        _ = reduce(&state, .queueLoaded(tickets, QueueSummary(open: 17_089, waiting: 0)), now: F.now)
        #expect(state.queuedBeyondWindow == 17_089)
        #expect(F.render(state).text.contains("the \(window) most urgent of 17089"))
        // Every queued ticket loaded: nothing to say
        _ = reduce(&state, .queueLoaded(tickets, QueueSummary(open: window, waiting: 0)), now: F.now)
        #expect(state.queuedBeyondWindow == nil)
        #expect(!F.render(state).text.contains("most urgent of"))
    }
}

/// The help: no line wider than the page it is laid out for (a wide legend sample once pushed its meaning past it).
@Suite struct HelpLayoutTests {
    @Test(arguments: [60, 80, 119, 120, 200])
    func everyHelpLineFitsItsWidth(width: Int) {
        for glyphs in [Glyphs.unicode, .ascii] {
            let long = HelpView.lines(glyphs, width: width).filter { $0.width > width }
            #expect(long.isEmpty, "\(long.map { $0.spans.map(\.text).joined() })")
        }
    }
}
