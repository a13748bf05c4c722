import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// What on-call sees: the runner's health in the header, and each escalation's pages and acknowledgement in the
/// breach watch and the detail.
@Suite struct OnCallViewTests {
    typealias F = ConsoleFixture

    static let stale = AutomationHealth(
        lastPassAt: F.now.addingTimeInterval(-7 * 60), runningRunners: 1, pending: 4, dead: 3,
        disabledTargets: [.init(target: "oncall", reason: "404 Unknown Webhook")])

    /// The fixture's queue with TKT000001 escalated and paged three times, TKT000002 paged once and acknowledged by
    /// bruno at 09:30, and TKT000005 breached but not escalated (no runner got to it).
    static func state(width: Int, height: Int = 12, health: AutomationHealth? = nil) -> ConsoleState {
        var state = F.state(width: width, height: height)
        var paged = F.tickets[0]
        paged.escalated = true
        var acked = F.tickets[1]
        acked.escalated = true
        acked.acknowledgedAt = F.now.addingTimeInterval(-1800)
        let missed = F.ticket("5", "Remboursement", .billing, .high, hoursAgo: 30)
        let tickets = ([paged, acked, missed] + F.tickets.dropFirst(2)).inQueueOrder()
        let summary = QueueSummary(open: 4, waiting: 1, breached: 2, warning: 1, critical: 1, unassigned: 4)
        _ = reduce(&state, .queueLoaded(tickets, summary), now: F.now)
        state.arrivals = [:]
        let escalations = [
            paged.id: EscalationInfo(ticketID: paged.id, cycle: 1, pages: 3, breachedAt: F.now.addingTimeInterval(-3 * 3600)),
            acked.id: EscalationInfo(
                ticketID: acked.id, cycle: 1, pages: 1, breachedAt: F.now.addingTimeInterval(-3600), acknowledgedBy: "bruno",
                acknowledgedAt: acked.acknowledgedAt),
        ]
        _ = reduce(&state, .escalationsLoaded(escalations), now: F.now)
        if let health { _ = reduce(&state, .automationLoaded(health), now: F.now) }
        return state
    }

    @Test(arguments: [
        (80, " 1 Queue  2  3   ✖2 breach · ▲1 warn     ✖ runner 7m · ✉ 3 dead · ⚠ #oncall off"),
        (
            120,
            " Triage  1 Queue  2 Watch  3 Stats   4 open · 1 wait · ✖2 breach · ▲1 warn       ✖ runner 7m · ✉ 3 dead · ⚠ #oncall off"
        ),
        (
            170,
            " Triage  1 Queue  2 Watch  3 Stats   4 open · 1 waiting · ✖2 breached · ▲1 warning · 1 critical           runner ✖ no pass for 7m · ✉ 3 dead · ⚠ #oncall webhook disabled"
        ),
    ])
    func theHeaderShowsAStaleRunnerDeadDeliveriesAndADisabledWebhook(width: Int, header: String) throws {
        let theme = BuiltinThemes.dark
        let buffer = F.render(Self.state(width: width, health: Self.stale), theme: theme)
        #expect(buffer.lines[0] == header)
        // Symbol and colour: the stale runner and the disabled webhook in the breach colour, the dead letters in the
        // warning colour, as badges on the header bar (readable whatever the bar's colour)
        let row = buffer.lines[0]
        func column(of text: String) throws -> Int {
            let range = try #require(row.range(of: text, options: .backwards))
            return TerminalText.width(String(row[..<range.lowerBound]))
        }
        #expect(buffer[try column(of: "✖"), 0].style.background == theme[.breached].foreground)
        #expect(buffer[try column(of: "✉"), 0].style.background == theme[.warning].foreground)
        #expect(buffer[try column(of: "⚠"), 0].style.background == theme[.breached].foreground)
        #expect(buffer[try column(of: "✉"), 0].style == theme.badge(.warning, on: theme[.header]))
    }

    @Test func theHeaderSaysWhenTheRunnerPassesOrThereIsNone() {
        let passing = AutomationHealth(lastPassAt: F.now.addingTimeInterval(-12), runningRunners: 1)
        #expect(F.render(Self.state(width: 120, health: passing)).lines[0].hasSuffix("  runner ✔ <1m ago"))
        #expect(F.render(Self.state(width: 80, health: passing)).lines[0].hasSuffix("  ✔ runner"))
        let neverPassed = AutomationHealth(runningRunners: 1)
        #expect(F.render(Self.state(width: 120, health: neverPassed)).lines[0].hasSuffix("  runner ✖ no pass yet"))
        // Started a minute ago after an hour's stop, its first pass not done: starting, not a fault
        let starting = AutomationHealth(
            lastPassAt: F.now.addingTimeInterval(-3600), lastStartAt: F.now.addingTimeInterval(-60), runningRunners: 1)
        #expect(F.render(Self.state(width: 120, health: starting)).lines[0].hasSuffix("  runner starting…"))
        #expect(F.render(Self.state(width: 80, health: starting)).lines[0].hasSuffix("  … runner"))
        #expect(F.render(Self.state(width: 120, health: AutomationHealth())).lines[0].hasSuffix("  ✖ no runner"))
        // Before the health is loaded the header claims nothing
        #expect(!F.render(Self.state(width: 120)).lines[0].contains("runner"))
        // Without colour or Unicode it still reads
        let ascii = F.render(Self.state(width: 170, health: Self.stale), theme: .monochrome, glyphs: .ascii).lines[0]
        #expect(ascii.hasSuffix("runner X no pass for 7m . @ 3 dead . !! #oncall webhook disabled"))
    }

    @Test func theHeaderFitsAnyWidth() {
        for width in 40...200 {
            for health in [Self.stale, AutomationHealth(), AutomationHealth(lastPassAt: F.now, runningRunners: 2)] {
                let lines = F.render(Self.state(width: width, health: health)).lines
                #expect(TerminalText.width(lines[0]) <= width)
                #expect(lines[0].contains("1 Queue"), "the current tab stays at \(width)")
            }
        }
    }

    @Test func theWatchShowsPagesAndWhoAcknowledgedAt80Columns() {
        var state = Self.state(width: 80, health: Self.stale)
        F.press([.character("2")], &state)
        let lines = F.render(state).lines
        #expect(lines[2] == "  SLA      ID        PRIO SUBJECT                   ASSIGNEE ON-CALL")
        #expect(lines[3] == "  ✖ -6h00m TKT000005 high Remboursement             –        not escalated")
        #expect(lines[4] == "⚑ ✖ -3h00m TKT000001 high Paiement refusé           –        ×3 unacknowledged")
        #expect(lines[5] == "⚐ ▲ 4h00m  TKT000002 crit Can't log in              –        ×1 ack bruno 09:30")
        // Paged 47 times, acknowledged by a longer name: who, without the time that would be cut
        var many = state.escalations[F.tickets[1].id]!
        (many.pages, many.acknowledgedBy) = (47, "gaelle")
        _ = reduce(&state, .escalationsLoaded([many.ticketID: many]), now: F.now)
        #expect(F.render(state).lines[5].hasSuffix("–        ×47 ack gaelle"))
    }

    @Test func theWatchShowsPagesAndWhoAcknowledgedAt120Columns() throws {
        let theme = BuiltinThemes.dark
        var state = Self.state(width: 120, health: Self.stale)
        F.press([.character("2")], &state)
        let buffer = F.render(state, theme: theme)
        let lines = buffer.lines
        #expect(
            lines[2]
                == "  SLA      ID        PRIO     CATEGORY   SUBJECT                     REQUESTER ASSIGNEE ON-CALL                     AGE"
        )
        #expect(
            lines[3]
                == "  ✖ -6h00m TKT000005 high     billing    Remboursement               …5678     –        not escalated               30h"
        )
        #expect(
            lines[4]
                == "⚑ ✖ -3h00m TKT000001 high     billing    Paiement refusé             …5678     –        paged ×3 · unacknowledged   27h"
        )
        #expect(
            lines[5]
                == "⚐ ▲ 4h00m  TKT000002 critical account    Can't log in                …5678     –        paged ×1 · ack bruno 09:30   8h"
        )
        // The unacknowledged page stands out; the acknowledged one is quiet
        let onCall = TerminalText.width(String(lines[2][..<(try #require(lines[2].range(of: "ON-CALL"))).lowerBound]))
        #expect(buffer[onCall, 4].style.foreground == theme[.escalated].foreground)
        #expect(buffer[onCall, 5].style.foreground == theme[.muted].foreground)
        // ASCII: the same words
        let ascii = F.render(state, glyphs: .ascii).lines
        #expect(ascii[4].hasSuffix("paged x3 . unacknowledged   27h"))
    }

    @Test func theDetailSaysTheSame() throws {
        var state = Self.state(width: 100, height: 24, health: Self.stale)
        F.press([.enter], &state)
        var paged = F.tickets[0]
        paged.escalated = true
        _ = reduce(&state, .detailLoaded(F.detail(paged)), now: F.now)
        #expect(
            F.render(state).lines.contains(
                "on-call  ⚑ escalated · paged ×3 · unacknowledged (e) · breach recorded 2026-11-25 07:00"))
        // Narrower: the breach time goes to the next line
        _ = reduce(&state, .resized(width: 70, height: 24), now: F.now)
        let narrow = F.render(state).lines
        let index = try #require(narrow.firstIndex(of: "on-call  ⚑ escalated · paged ×3 · unacknowledged (e)"))
        #expect(narrow[index + 1] == "         breach recorded 2026-11-25 07:00")
        // Closed before anyone acknowledged: history, without the key a closed ticket refuses
        var closed = paged
        closed.status = .closed
        let closedLine = OnCallText.detailLines(
            closed, info: state.escalations[closed.id], width: 100, glyphs: .unicode, timeZone: state.timeZone)[0]
        #expect(
            closedLine.spans.map(\.text).joined()
                == "on-call  ⚑ escalated · paged ×3 · closed unacknowledged · breach recorded 2026-11-25 07:00")
        // Acknowledged: who and when
        var acked = F.tickets[1]
        acked.escalated = true
        acked.acknowledgedAt = F.now.addingTimeInterval(-1800)
        (state.selectedID, state.detailTarget) = (acked.id, acked.id)
        _ = reduce(&state, .resized(width: 100, height: 24), now: F.now)
        _ = reduce(&state, .detailLoaded(F.detail(acked)), now: F.now)
        #expect(
            F.render(state).lines.contains(
                "on-call  ⚐ escalated · paged ×1 · ack bruno 2026-11-25 09:30 · breach recorded 2026-11-25 09:00"))
    }
}
