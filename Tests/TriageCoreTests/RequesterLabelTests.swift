import Foundation
import Testing

@testable import TriageCore

/// How staff see a requester (SPEC §2): the name, else the snowflake shortened — decided in one place.
@Suite struct RequesterLabelTests {
    @Test(arguments: [
        (nil, 123_456_789_012_345_678, "…5678"), ("", 123_456_789_012_345_678, "…5678"), ("Amélie 🌸", 123_456_789_012_345_678, "Amélie 🌸"),
        (nil, 42, "42"), (nil, 999_999, "999999"), (nil, 1_000_000, "…0000"), (nil, UInt64.max, "…1615"),
    ] as [(String?, UInt64, String)])
    func labels(name: String?, id: UInt64, expected: String) {
        #expect(RequesterName.label(name, id: UserID(id)) == expected)
    }

    @Test func aNameIsMadeSafeForOneTerminalLine() {
        // Names are validated on the way in; one that got into a store some other way is still shown inert
        let label = RequesterName.label("Eve\u{1B}[2J\nroot\u{202E}", id: UserID(1))
        #expect(!label.contains("\u{1B}"))
        #expect(!label.contains("\n"))
        #expect(!label.unicodeScalars.contains("\u{202E}"))
    }

    @Test func theReminderLineReadsAsInTheSpec() {
        // "TKT001 – Billing (Alice) – 36h"
        var reminder = Reminder(
            ticketID: TicketID("TKT000001")!, category: .billing, subject: "Paiement", requester: UserID(123_456_789_012_345_678),
            requesterName: "Alice", waitingHours: 36.7)
        #expect(reminder.line == "TKT000001 – Billing (Alice) – 36h")
        reminder.requesterName = nil
        #expect(reminder.line == "TKT000001 – Billing (…5678) – 36h")
    }

    @Test func aReminderKeepsItsNameThroughTheOutboxJSON() throws {
        // The outbox stores a digest's reminders as JSON: the name survives, and an older row without one still reads
        let reminder = Reminder(
            ticketID: TicketID("TKT000001")!, category: .billing, subject: "S", requester: UserID(7), requesterName: "Zoé ✨",
            waitingHours: 30)
        let data = try JSONEncoder().encode(reminder)
        #expect(String(decoding: data, as: UTF8.self).contains(#""requester_name":"Zoé ✨""#))
        #expect(try JSONDecoder().decode(Reminder.self, from: data) == reminder)
        let old = #"{"ticket_id":"TKT000001","category":"billing","subject":"S","requester":"7","waiting_hours":30}"#
        #expect(try JSONDecoder().decode(Reminder.self, from: Data(old.utf8)).requesterName == nil)
    }

    @Test func aUserMessageIsSignedWithTheRequestersName() {
        let ticket = Ticket(
            id: TicketID("TKT000001")!, userID: UserID(123_456_789_012_345_678), subject: "S", description: "D", category: .general,
            priority: .low, createdAt: Date(timeIntervalSince1970: 0),
            sla: SLAClock.replay([SLATimedEvent(at: Date(timeIntervalSince1970: 0), event: .created(.general, .low))], policy: .default)!,
            requesterName: "Bruno")
        func message(_ kind: AuthorKind, _ author: String) -> Message {
            Message(id: 1, ticketID: ticket.id, authorKind: kind, author: author, body: "b", isInternal: false, createdAt: ticket.createdAt)
        }
        let detail = TicketDetail(ticket: ticket, messages: [], events: [])
        #expect(detail.author(of: message(.user, "123456789012345678")) == "Bruno")
        #expect(detail.author(of: message(.user, "987654321098765432")) == "…5432")
        #expect(detail.author(of: message(.agent, "alice")) == "alice")
    }

    @Test(arguments: [
        ("  Amélie 🌸 ", "Amélie 🌸"), ("👩‍💻", "👩‍💻"), (String(repeating: "é", count: 100), String(repeating: "é", count: 100)),
    ])
    func validNames(_ input: String, _ kept: String) throws {
        #expect(try Validation.userName(input) == kept)
    }

    @Test(arguments: ["", " \n ", String(repeating: "a", count: 101), "a\u{0}b", "a\u{7F}b", "a\u{85}b", "a\u{2029}b", "a\u{2066}b"])
    func invalidNames(_ input: String) {
        #expect(throws: TicketError.self) { try Validation.userName(input) }
    }
}

/// The demo's requester names: realistic, valid, stable per user, and some users without one.
@Suite struct DemoNameTests {
    @Test func mostDemoUsersHaveAValidNameAndSomeHaveNone() throws {
        let names = (0..<2_000).map { DemoContent.requesterName(for: DemoHistory.requester($0)) }
        let nameless = names.filter { $0 == nil }.count
        #expect((250...550).contains(nameless), "\(nameless) of 2000 without a name")
        for name in names.compactMap({ $0 }) { #expect(try Validation.userName(name) == name) }
        #expect(Set(names.compactMap { $0 }).count > 100, "varied")
        #expect(names.contains { $0?.contains("é") == true || $0?.contains("ë") == true }, "accents")
        #expect(names.contains { $0?.unicodeScalars.contains { $0.properties.isEmojiPresentation } == true }, "emoji")
        // Stable: the same user has the same name whenever it is asked
        #expect(DemoContent.requesterName(for: DemoHistory.requester(17)) == names[17])
    }
}
