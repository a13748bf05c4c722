import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// Staff see the requester's name, never a bare snowflake when a name is known (SPEC §2); a hostile name stays inert.
@Suite struct RequesterNameViewTests {
    typealias F = ConsoleFixture
    static let snowflake = "123456789012345678"

    /// The fixture's queue with a name on the first two tickets (the second one hostile), none on the others.
    static func state(width: Int, height: Int) -> ConsoleState {
        var tickets = F.tickets
        tickets[0].requesterName = "Amélie 🌸"
        tickets[1].requesterName = "Eve\u{1B}[31m\u{202E}"
        var state = ConsoleState(agent: "alice", policy: .default, width: width, height: height, now: F.now)
        _ = reduce(
            &state, .queueLoaded(tickets, QueueSummary(open: 3, waiting: 1, breached: 1, warning: 1, critical: 1, unassigned: 3)),
            now: F.now)
        return state
    }

    @Test func theQueueShowsTheNameOrTheShortenedID() throws {
        let buffer = F.render(Self.state(width: 120, height: 12))
        let rows = buffer.lines.filter { $0.contains("TKT00000") }
        #expect(rows.count == 4)
        #expect(rows.first { $0.contains("TKT000001") }?.contains(" Amélie 🌸 ") == true, "\(rows)")
        #expect(rows.first { $0.contains("TKT000003") }?.contains(" …5678 ") == true, "\(rows)")
        // The hostile name's escape is shown as a symbol, its direction override dropped
        let hostile = try #require(rows.first { $0.contains("TKT000002") })
        #expect(hostile.contains("Eve␛[31m"), "\(hostile)")
        #expect(!buffer.text.contains("\u{1B}"))
        #expect(!buffer.text.unicodeScalars.contains("\u{202E}"))
        #expect(!buffer.text.contains(Self.snowflake))
    }

    @Test func withASCIIGlyphsTheShortenedIDIsASCII() {
        let lines = F.render(Self.state(width: 120, height: 12), glyphs: .ascii).lines
        #expect(lines.contains { $0.contains("TKT000003") && $0.contains("~5678") }, "\(lines)")
    }

    @Test func theDetailShowsTheNameAndSignsTheUsersMessages() {
        // Given the named ticket open, with a message from its requester
        var state = Self.state(width: 100, height: 30)
        _ = reduce(&state, .key(.enter), now: F.now)
        var ticket = F.tickets[0]
        ticket.requesterName = "Amélie 🌸"
        var detail = F.detail(ticket)
        detail.messages.append(
            Message(
                id: 3, ticketID: ticket.id, authorKind: .user, author: Self.snowflake, body: "Toujours refusée.", isInternal: false,
                createdAt: F.now.addingTimeInterval(-600)))
        _ = reduce(&state, .detailLoaded(detail), now: F.now)
        let lines = F.render(state).lines
        // Then the metadata gives the name first and the full id to look the user up, and the thread signs with the name
        #expect(lines.contains { $0.hasPrefix("requester Amélie 🌸 · opened 2026-11-24 07:00 (27h ago) · id \(Self.snowflake)") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("── user Amélie 🌸 · 2026-11-25 09:50 ──") }, "\(lines)")
    }

    @Test func theDetailWithoutANameShowsTheShortenedID() {
        var state = F.state(width: 100, height: 30)
        _ = reduce(&state, .key(.enter), now: F.now)
        _ = reduce(&state, .detailLoaded(F.detail(F.tickets[0])), now: F.now)
        let lines = F.render(state).lines
        #expect(lines.contains { $0.hasPrefix("requester …5678 · opened") }, "\(lines)")
    }

    @Test func theStatsRemindersNameTheRequester() {
        var state = F.state(width: 110, height: 60)
        F.press([.character("3")], &state)
        let week = ISOWeek(containing: F.now)
        let reminders = [
            Reminder(
                ticketID: TicketID("TKT000001")!, category: .billing, subject: "Paiement refusé", requester: UserID(123_456_789_012_345_678),
                requesterName: "Alice", waitingHours: 36),
            Reminder(
                ticketID: TicketID("TKT000002")!, category: .account, subject: "Can't log in", requester: UserID(987_654_321_098_765_432),
                waitingHours: 30),
        ]
        let model = StatsModel(
            stats: WeeklyStats(sample: WeekSample(week: week, resolutions: [], asOf: F.now), policy: .default), trend: [],
            reminders: reminders)
        _ = reduce(&state, .statsLoaded(week, model), now: F.now)
        let text = F.render(state).text
        #expect(text.contains("TKT000001 – Billing (Alice) – 36h · Paiement refusé"), "\(text)")
        #expect(text.contains("TKT000002 – Account (…5432) – 30h · Can't log in"), "\(text)")
    }
}
