import Foundation
import Testing

@testable import TriageCore

/// Canned replies: a file's title and text, and the placeholders filled for the ticket being answered.
@Suite struct ReplyTemplateTests {
    static let now = Date(timeIntervalSince1970: 1_795_600_800)  // 2026-11-25T10:00:00Z

    static func ticket(name: String?, hoursAgo: Double, status: TicketStatus = .open) -> Ticket {
        let created = now.addingTimeInterval(-hoursAgo * 3600)
        var events = [SLATimedEvent(at: created, event: .created(.billing, .high))]  // 24 h
        if status == .waiting { events.append(SLATimedEvent(at: created.addingTimeInterval(3600), event: .statusChanged(.waiting))) }
        var ticket = Ticket(
            id: TicketID("TKTA1B2C3")!, userID: UserID(123_456_789_012_345_678), subject: "Remboursement", description: "…",
            category: .billing, priority: .high, status: status, createdAt: created, sla: SLAClock.replay(events, policy: .default)!)
        ticket.requesterName = name
        return ticket
    }

    @Test func theFirstLineIsTheTitleAndTheRestTheText() throws {
        let template = try #require(ReplyTemplate(id: "fr/refund-delay", text: "# Remboursement en cours\n\nBonjour {name},\n\nMerci.\n\n"))
        #expect(template.title == "Remboursement en cours")
        #expect(template.body == "Bonjour {name},\n\nMerci.")
        #expect(template.language == "fr")
        #expect(ReplyTemplate(id: "x", text: "Only a title\n\n") == nil)
        #expect(ReplyTemplate(id: "x", text: "") == nil)
        #expect(ReplyTemplate(id: "x", text: "#\nText") == nil)
    }

    @Test func placeholdersAreFilledForTheTicket() {
        let template = ReplyTemplate(id: "en/x", title: "T", body: "Hi {name}, {ticket} is answered within {sla}. {name}! {other}")
        let text = template.filled(for: Self.ticket(name: "Amélie 🌸", hoursAgo: 20), now: Self.now)
        #expect(text == "Hi Amélie 🌸, TKTA1B2C3 is answered within 4h00m. Amélie 🌸! {other}")
    }

    @Test(
        arguments: [
            (nil, 20.0, TicketStatus.open, "…5678 4h00m"),  // no name: the short id, as staff see it
            ("Zoé", 30.0, .open, "Zoé 0m"),  // past due: never a negative time for the user
            ("Zoé", 30.0, .waiting, "Zoé 23h"),  // waiting since an hour after creation: the clock is frozen
        ] as [(String?, Double, TicketStatus, String)])
    func nameAndTimeLeft(name: String?, hoursAgo: Double, status: TicketStatus, expected: String) {
        let template = ReplyTemplate(id: "en/x", title: "T", body: "{name} {sla}")
        #expect(template.filled(for: Self.ticket(name: name, hoursAgo: hoursAgo, status: status), now: Self.now) == expected)
    }
}
