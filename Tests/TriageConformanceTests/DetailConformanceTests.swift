import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// What a ticket's detail shows to whom: internal notes and the event log for staff only, a requester's thread
/// numbered 1, 2, 3…, and a requester's view of the ticket untouched by staff-only activity.
@Suite struct DetailConformanceTests {
    /// A thread: agent reply (1h), internal note (2h), user reply (3h), another note (4h), agent reply (5h).
    static func thread(_ store: any TicketStoring) async throws -> (Ticket, [Message]) {
        let ticket = try await C.open(store)
        let id = ticket.id.rawValue
        var written: [Message] = []
        written.append(
            try await store.reply(id, body: "Bonjour, pouvez-vous réessayer ?", internal: false, keepOpen: false, as: C.agent, now: C.at(1))
        )
        written.append(
            try await store.reply(id, body: "SECRET: fraud check pending", internal: true, keepOpen: false, as: C.agent, now: C.at(2)))
        written.append(try await store.reply(id, body: "  Toujours refusée 😞 ", internal: false, keepOpen: false, as: C.user, now: C.at(3)))
        written.append(
            try await store.reply(id, body: "SECRET: chargeback", internal: true, keepOpen: false, as: .admin("root"), now: C.at(4)))
        written.append(try await store.reply(id, body: "Réglé, merci.", internal: false, keepOpen: false, as: .agent("bob"), now: C.at(5)))
        return (ticket, written)
    }

    @Test("a requester sees no internal note, the public thread numbered 1, 2, 3, and no event log", arguments: Backend.enabled)
    func requesterThread(backend: Backend) async throws {
        try await with(backend) { store in
            let (ticket, _) = try await Self.thread(store)
            for principal in [C.user, C.service] {
                let detail = try await store.detail(ticket.id.rawValue, as: principal)
                let expected = [
                    Message(
                        id: 1, ticketID: ticket.id, authorKind: .agent, author: "alice", body: "Bonjour, pouvez-vous réessayer ?",
                        isInternal: false, createdAt: C.at(1)),
                    Message(
                        id: 2, ticketID: ticket.id, authorKind: .user, author: C.owner.description, body: "Toujours refusée 😞",
                        isInternal: false, createdAt: C.at(3)),
                    Message(
                        id: 3, ticketID: ticket.id, authorKind: .agent, author: "bob", body: "Réglé, merci.", isInternal: false,
                        createdAt: C.at(5)),
                ]
                #expect(detail.messages == expected, "\(principal)")
                #expect(detail.events.isEmpty, "\(principal)")
                #expect(detail.ticket == (try await store.ticket(ticket.id.rawValue, as: principal)), "\(principal)")
            }
            // A requester's reply comes back numbered in the public thread
            let fourth = try await store.reply(
                ticket.id.rawValue, body: "Merci !", internal: false, keepOpen: false, as: C.service, now: C.at(6))
            #expect(fourth.id == 4)
            #expect(fourth.authorKind == .user && fourth.author == C.owner.description && fourth.createdAt == C.at(6) && !fourth.isInternal)
            #expect(try await store.detail(ticket.id.rawValue, as: C.user).messages.last == fourth)
        }
    }

    @Test("staff see every message as written, internal notes, and the whole event log", arguments: Backend.enabled)
    func staffThread(backend: Backend) async throws {
        try await with(backend) { store in
            let (ticket, written) = try await Self.thread(store)
            for principal in [C.agent, C.admin] {
                let detail = try await store.detail(ticket.id.rawValue, as: principal)
                // As written, but the user's reply, which came back to the user numbered in the public thread (2)
                #expect(written[2].id == 2)
                var expected = written
                expected[2].id = detail.messages[2].id
                #expect(detail.messages == expected, "\(principal)")
                #expect(detail.messages.map(\.isInternal) == [false, true, false, true, false])
                #expect(detail.messages.map(\.body)[2] == "Toujours refusée 😞", "trimmed")
                #expect(zip(detail.messages, detail.messages.dropFirst()).allSatisfy { $0.id < $1.id }, "store ids rise")
                #expect(
                    detail.events.map(\.kind) == [
                        .created, .replied, .statusChanged, .noteAdded, .replied, .statusChanged, .noteAdded, .replied, .statusChanged,
                    ])
                #expect(
                    detail.events.map(\.actor) == [
                        "\(C.owner)", "alice", "alice", "alice", "\(C.owner)", "\(C.owner)", "root", "bob", "bob",
                    ])
                #expect(detail.events.map(\.at) == [C.at(0), C.at(1), C.at(1), C.at(2), C.at(3), C.at(3), C.at(4), C.at(5), C.at(5)])
                #expect(detail.events.allSatisfy { $0.ticketID == ticket.id })
                #expect(detail.events[0].newValue == "billing/high" && detail.events[0].oldValue == nil)
                #expect(detail.events[2].oldValue == "open" && detail.events[2].newValue == "waiting")
                // A message event names its message by the store's id
                #expect(
                    detail.events.filter { $0.kind == .replied || $0.kind == .noteAdded }.map(\.newValue)
                        == detail.messages.map { String($0.id) })
            }
        }
    }

    @Test("a requester's view has no tags and its updated_at moves only with public activity", arguments: Backend.enabled)
    func requesterView(backend: Backend) async throws {
        try await with(backend) { store in
            let ticket = try await C.open(store)
            let id = ticket.id.rawValue
            _ = try await store.reply(id, body: "Bonjour", internal: false, keepOpen: true, as: C.agent, now: C.at(1))
            _ = try await store.tag(id, add: ["vip"], remove: [], as: C.agent, now: C.at(2))
            _ = try await store.reply(id, body: "note", internal: true, keepOpen: false, as: C.agent, now: C.at(3))
            // Staff see the tag and the latest change
            let staff = try await store.ticket(id, as: C.agent)
            #expect(staff.tags == ["vip"])
            #expect(staff.updatedAt == C.at(3))
            // The requester sees neither, in every read
            for principal in [C.user, C.service] {
                let own = try await store.ticket(id, as: principal)
                #expect(own.tags == [] && own.updatedAt == C.at(1), "\(principal)")
                var expected = staff
                (expected.tags, expected.updatedAt) = ([], C.at(1))
                #expect(own == expected, "\(principal)")
                #expect(try await store.detail(id, as: principal).ticket == expected, "\(principal)")
                #expect(try await store.queue(QueueFilter(), as: principal, after: nil).tickets == [expected], "\(principal)")
            }
            // Public activity moves it again (an assignment); a tag still does not
            _ = try await store.assign(id, to: "bob", as: C.agent, now: C.at(4))
            #expect(try await store.ticket(id, as: C.user).updatedAt == C.at(4))
            _ = try await store.tag(id, add: ["refund"], remove: [], as: C.agent, now: C.at(5))
            #expect(try await store.ticket(id, as: C.user).updatedAt == C.at(4))
            #expect(try await store.ticket(id, as: C.agent).updatedAt == C.at(5))
            // An escalation is public (its time shows), its acknowledgement is not
            _ = try await store.escalate(id, as: C.agent, now: C.at(6))
            _ = try await store.acknowledge(id, as: C.agent, now: C.at(7))
            let mine = try await store.ticket(id, as: C.user)
            #expect(mine.updatedAt == C.at(6) && mine.escalated && mine.acknowledgedAt == C.at(7))
            #expect(try await store.ticket(id, as: C.agent).updatedAt == C.at(7))
        }
    }

    @Test("a requester's own writes answer what they would read: no staff tags, their updated_at", arguments: Backend.enabled)
    func requesterWritesAnswerTheirView(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store).id.rawValue
            _ = try await store.tag(id, add: ["vip", "refund"], remove: [], as: C.agent, now: C.at(1))
            _ = try await store.reply(id, body: "note", internal: true, keepOpen: false, as: C.agent, now: C.at(2))
            // Each write a requester may make answers as their read does
            let closed = try await store.close(id, resolution: nil, notifyUser: true, as: C.user, now: C.at(3))
            #expect(closed == (try await store.ticket(id, as: C.user)))
            #expect(closed.tags.isEmpty)
            let rated = try await store.rate(id, rating: 4, comment: nil, as: C.service, now: C.at(4))
            #expect(rated == (try await store.ticket(id, as: C.service)) && rated.tags.isEmpty)
            let again = try await store.rate(id, rating: 4, comment: nil, as: C.user, now: C.at(5))
            #expect(again.tags.isEmpty)
            let reopened = try await store.reopen(id, as: C.user, now: C.at(6))
            #expect(reopened == (try await store.ticket(id, as: C.user)) && reopened.tags.isEmpty)
            // Staff still get the whole ticket back
            #expect(try await store.assign(id, to: "bob", as: C.agent, now: C.at(7)).tags == ["refund", "vip"])
        }
    }
}
