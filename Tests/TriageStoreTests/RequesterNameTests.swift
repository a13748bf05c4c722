import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// The requester's Discord display name (SPEC §2): one per user, the newest wins, carried by every ticket read.
@Suite struct RequesterNameTests {
    let agent = Fixture.agent

    @discardableResult
    func open(_ store: TicketStore, for user: UserID = Fixture.owner, name: String?, at hours: Double = 0) throws -> Ticket {
        try store.create(
            NewTicket(
                requester: user, subject: "Paiement refusé", category: .billing, priority: .high, description: "Carte refusée.",
                requesterName: name),
            as: .service(onBehalfOf: user), now: Fixture.at(hours))
    }

    @Test func everyReadCarriesTheName() throws {
        // Given a ticket opened with a name, and one of another user opened without
        let store = try Fixture.store()
        let named = try open(store, name: "  Amélie 🌸  ")
        let anonymous = try open(store, for: Fixture.other, name: nil, at: 1)
        // Then the name is trimmed and every read that builds a ticket has it
        #expect(named.requesterName == "Amélie 🌸")
        #expect(try store.ticket(named.id.rawValue, as: agent).requesterName == "Amélie 🌸")
        #expect(try store.detail(named.id.rawValue, as: agent).ticket.requesterName == "Amélie 🌸")
        #expect(try store.thread(named.id.rawValue, as: .user(Fixture.owner)).ticket.requesterName == "Amélie 🌸")
        let queue = try store.queue(QueueFilter(), as: agent).tickets
        #expect(queue.map(\.requesterName) == ["Amélie 🌸", nil])
        #expect(try store.queueSnapshot(as: agent, now: Fixture.at(2)).tickets.map(\.requesterName) == ["Amélie 🌸", nil])
        let reminders = try store.reminders(as: agent, now: Fixture.at(30))
        #expect(reminders.map(\.requesterName) == ["Amélie 🌸", nil])
        #expect(reminders.map(\.requesterLabel) == ["Amélie 🌸", "…1615"])
        #expect(try store.ticket(anonymous.id.rawValue, as: agent).requesterLabel == "…1615")
    }

    @Test func aNewerNameUpdatesEveryTicketOfTheUserAndAnOlderOneDoesNot() throws {
        // Given two tickets of one user under their first name
        let store = try Fixture.store()
        let first = try open(store, name: "alice_93", at: 0)
        try open(store, name: nil, at: 1)
        // When a later ticket brings a new name
        try open(store, name: "Alice ✨", at: 2)
        // Then every ticket of theirs shows it
        #expect(try store.queue(QueueFilter(), as: agent).tickets.map(\.requesterName) == ["Alice ✨", "Alice ✨", "Alice ✨"])
        // And a name that arrives dated before the stored one does not replace it (a late retry, a slow bot)
        let late = try open(store, name: "old name", at: 1.5)
        #expect(late.requesterName == "Alice ✨")
        #expect(try store.ticket(first.id.rawValue, as: agent).requesterName == "Alice ✨")
        // And a ticket without a name leaves the stored one alone
        #expect(try open(store, name: nil, at: 3).requesterName == "Alice ✨")
    }

    @Test func aChangedNameIsAChangeOfTheUsersTickets() throws {
        // Given a user with a ticket
        let store = try Fixture.store()
        try open(store, name: "Bruno", at: 0)
        // When a second ticket comes with the same name, then a third with a new one
        let before = try store.ticketVersion()
        try open(store, name: "Bruno", at: 1)
        let same = try store.ticketVersion() - before
        let middle = try store.ticketVersion()
        try open(store, name: "Bruno B.", at: 2)
        let renamed = try store.ticketVersion() - middle
        // Then the rename also counts as a change of the tickets already there (readers reload them)
        #expect(renamed > same)
    }

    @Test(arguments: [
        "", "   ", String(repeating: "é", count: 101), "Eve\u{1B}[31m", "two\nlines", "tab\there", "evil\u{202E}gnp.exe",
        "line\u{2028}separator", "bell\u{07}",
    ])
    func anInvalidNameIsRefusedByField(_ name: String) throws {
        let store = try Fixture.store()
        #expect {
            try open(store, name: name)
        } throws: { error in
            guard case .invalidField(let field, _) = error as? TicketError else { return false }
            return field == "user_name"
        }
        #expect(try store.counts().values.reduce(0, +) == 0)
    }

    @Test(arguments: [String(repeating: "é", count: 100), "👩‍💻 Zoé", "Jean-Loïc", "李小龙", "🇫🇷"])
    func namesInAnyScriptAreKept(_ name: String) throws {
        let store = try Fixture.store()
        #expect(try open(store, name: name).requesterName == name)
    }

    @Test func aSeededStoreNamesMostOfItsUsers() async throws {
        // Given a seeded demo store
        let store = try Fixture.store()
        try store.seed(tickets: 600, weeks: 4, seed: 7, now: Fixture.t0)
        // Then most queued tickets show a name and some show none, each user's the demo content's
        let tickets = try store.queue(QueueFilter(limit: 500), as: agent).tickets
        let named = tickets.filter { $0.requesterName != nil }
        #expect(named.count > tickets.count / 2, "\(named.count) of \(tickets.count)")
        #expect(named.count < tickets.count)
        for ticket in tickets { #expect(ticket.requesterName == DemoContent.requesterName(for: ticket.userID)) }
        // And the live simulator's new tickets bring their requesters' names too
        let simulator = DemoSimulator(store: SQLiteTicketStore(store), seed: 3, excluding: "alice")
        var created = 0
        for step in 0..<200 where created < 5 {
            let did = try await simulator.step(now: Fixture.at(Double(step) / 60))
            guard did.hasPrefix("created "), let id = did.split(separator: " ").last else { continue }
            created += 1
            let ticket = try store.ticket(String(id), as: agent)
            #expect(ticket.requesterName == DemoContent.requesterName(for: ticket.userID))
        }
        #expect(created == 5)
    }

    @Test func theJoinDoesNotSlowTheQueue() throws {
        let store = try Fixture.store()
        let plan = try store.queuePlan()
        #expect(plan.contains("USING INDEX tickets_queue"), "\(plan)")
        #expect(plan.contains("SEARCH q USING PRIMARY KEY (user_id=?)"), "\(plan)")
        #expect(!plan.contains("SCAN q"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }
}
