import Foundation
import Testing
import TriageCore

@testable import TriageStore

/// Every role × every read and write × own, foreign and missing ticket, and internal notes (SPEC §1, §7).
@Suite struct AccessMatrixTests {
    enum Who: String, CaseIterable, CustomStringConvertible {
        case owner, ownerViaService, otherUser, otherViaService, agent, admin
        var description: String { rawValue }
        var principal: Principal {
            switch self {
            case .owner: .user(Fixture.owner)
            case .ownerViaService: .service(onBehalfOf: Fixture.owner)
            case .otherUser: .user(Fixture.other)
            case .otherViaService: .service(onBehalfOf: Fixture.other)
            case .agent: Fixture.agent
            case .admin: Fixture.admin
            }
        }
        var isOwner: Bool { self == .owner || self == .ownerViaService }
        var isStaff: Bool { self == .agent || self == .admin }
    }

    enum Action: String, CaseIterable, CustomStringConvertible {
        case view, reply, internalNote, close, reopen, rate, assign, setPriority, setCategory, setStatus, tag, acknowledge, saveDraft
        var description: String { rawValue }

        /// Acts on `id`; `closedID` is the same owner's closed (and escalated) ticket for rate/reopen.
        func perform(_ store: TicketStore, id: String, as p: Principal) throws {
            let now = Fixture.at(1)
            switch self {
            case .view: _ = try store.detail(id, as: p)
            case .reply: try store.reply(id, body: "Merci !", as: p, now: now)
            case .internalNote: try store.reply(id, body: "note", internal: true, as: p, now: now)
            case .close: try store.close(id, resolution: "done", as: p, now: now)
            case .reopen: try store.reopen(id, as: p, now: now)
            case .rate: try store.rate(id, rating: 5, comment: "Top", as: p, now: now)
            case .assign: try store.assign(id, to: "bob", as: p, now: now)
            case .setPriority: try store.setPriority(id, .critical, as: p, now: now)
            case .setCategory: try store.setCategory(id, .account, as: p, now: now)
            case .setStatus: try store.setStatus(id, .waiting, as: p, now: now)
            case .tag: try store.tag(id, add: ["vip"], as: p, now: now)
            case .acknowledge: try store.acknowledge(id, as: p, now: now)
            case .saveDraft: try store.saveDraft("brouillon", kind: .reply, ticket: id, as: p, now: now)
            }
        }

        /// Rate and reopen need a closed ticket; acknowledge an escalated one.
        var needsClosedTicket: Bool { self == .rate || self == .reopen }

        /// What the ticket's owner gets (staff rules are below).
        var ownerOutcome: Outcome {
            switch self {
            case .view, .reply, .close, .reopen, .rate: .ok
            case .internalNote, .assign, .setPriority, .setCategory, .setStatus, .tag, .acknowledge, .saveDraft: .forbidden
            }
        }

        var staffOutcome: Outcome { self == .rate ? .forbidden : .ok }
    }

    static let cases: [(Who, Action)] = Who.allCases.flatMap { who in Action.allCases.map { (who, $0) } }

    @Test("own and foreign tickets", arguments: cases)
    func ownAndForeign(who: Who, action: Action) throws {
        // Given a ticket of the owner's (closed for rate/reopen, escalated for acknowledge)
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        if action.needsClosedTicket { try store.close(ticket.id.rawValue, resolution: nil, as: Fixture.agent, now: Fixture.at(0.5)) }
        if action == .acknowledge { try store.escalate(ticket.id.rawValue, as: Fixture.admin, now: Fixture.at(0.5)) }
        // When
        let outcome = Outcome { try action.perform(store, id: ticket.id.rawValue, as: who.principal) }
        // Then: the owner per the rules, staff everything but rating, anyone else sees no such ticket
        let expected: Outcome = who.isStaff ? action.staffOutcome : who.isOwner ? action.ownerOutcome : .notFound
        #expect(outcome == expected)
    }

    @Test("a missing ticket is not found, for everyone", arguments: cases)
    func missing(who: Who, action: Action) throws {
        let store = try Fixture.store()
        try Fixture.ticket(store)
        #expect(Outcome { try action.perform(store, id: "TKTZZZZZZ", as: who.principal) } == .notFound)
        #expect(Outcome { try action.perform(store, id: "not-an-id", as: who.principal) } == .notFound)
    }

    @Test func foreignAndMissingLookExactlyAlike() throws {
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        let stranger = Principal.user(Fixture.other)
        #expect(throws: TicketError.notFound("no ticket \(ticket.id)")) { try store.detail(ticket.id.rawValue.lowercased(), as: stranger) }
        #expect(throws: TicketError.notFound("no ticket TKTZZZZZZ")) { try store.detail("tktzzzzzz", as: stranger) }
    }

    @Test("internal notes reach staff only", arguments: Who.allCases)
    func internalNotes(who: Who) throws {
        // Given a thread with a public reply and an internal note
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        try store.reply(ticket.id.rawValue, body: "Bonjour, pouvez-vous réessayer ?", as: Fixture.agent, now: Fixture.at(1))
        try store.reply(ticket.id.rawValue, body: "SECRET: fraud check pending", internal: true, as: Fixture.agent, now: Fixture.at(2))
        // When
        let detail = try? store.detail(ticket.id.rawValue, as: who.principal)
        // Then
        if who.isStaff {
            #expect(detail?.messages.count == 2)
            #expect(detail?.messages.contains { $0.isInternal } == true)
            #expect(detail?.events.contains { $0.kind == .noteAdded } == true)
        } else if who.isOwner {
            #expect(detail?.messages.map(\.body) == ["Bonjour, pouvez-vous réessayer ?"])
            #expect(detail?.events.isEmpty == true, "users get no event log (it would reveal notes)")
            let json = JSONOutput.encode(
                TicketJSON(detail!.ticket, messages: detail!.messages, now: Fixture.at(3), policy: .default, baseURL: "x"))
            #expect(!json.contains("SECRET"))
        } else {
            #expect(detail == nil)
        }
        // And the outbox never carries the note
        let outbox = try store.outbox(limit: 100, as: Fixture.admin)
        #expect(!outbox.isEmpty)
        #expect(!outbox.contains { entry in entry.notice.map { String(describing: $0).contains("SECRET") } ?? false })
    }

    @Test("lists hold only what the caller may see", arguments: Who.allCases)
    func lists(who: Who) throws {
        let store = try Fixture.store()
        for i in 0..<3 { try Fixture.ticket(store, for: Fixture.owner, at: Double(i)) }
        for i in 0..<2 { try Fixture.ticket(store, for: Fixture.other, at: Double(i)) }
        let page = try store.queue(QueueFilter(limit: 100), as: who.principal)
        let owners = Set(page.tickets.map(\.userID))
        switch who {
        case .owner, .ownerViaService: #expect(page.tickets.count == 3 && owners == [Fixture.owner])
        case .otherUser, .otherViaService: #expect(page.tickets.count == 2 && owners == [Fixture.other])
        case .agent, .admin: #expect(page.tickets.count == 5)
        }
    }

    @Test("creating for a user", arguments: Who.allCases)
    func create(who: Who) throws {
        let store = try Fixture.store()
        let outcome = Outcome {
            try store.create(
                NewTicket(requester: Fixture.owner, subject: "s", category: .general, priority: .low, description: "d"),
                as: who.principal, now: Fixture.t0)
        }
        #expect(outcome == (who.isOwner || who.isStaff ? .ok : .forbidden))
    }

    @Test("stats and tokens", arguments: Who.allCases)
    func staffOnlyReads(who: Who) throws {
        let store = try Fixture.store()
        let week = ISOWeek(containing: Fixture.t0)
        #expect(Outcome { _ = try store.weeklyStats(week, as: who.principal, now: Fixture.t0) } == (who.isStaff ? .ok : .forbidden))
        #expect(Outcome { _ = try store.reminders(as: who.principal, now: Fixture.t0) } == (who.isStaff ? .ok : .forbidden))
        #expect(Outcome { _ = try store.tokens(as: who.principal) } == (who == .admin ? .ok : .forbidden))
        #expect(
            Outcome { _ = try store.createToken(role: .service, userID: nil, name: nil, as: who.principal, now: Fixture.t0) }
                == (who == .admin ? .ok : .forbidden))
    }

    /// The desk's tools, each through the store, for every principal: what the gate (`AccessRules.require`) lets
    /// through, and its refusal's words when it does not.
    @Test("the desk's tools: console, drafts, outbox, automation, policy", arguments: Who.allCases)
    func deskTools(who: Who) throws {
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        let (p, now) = (who.principal, Fixture.at(1))
        let tools: [(TicketAction, () throws -> Void)] = [
            (.useConsole, { _ = try store.queueSnapshot(as: p, now: now) }),
            (.useConsole, { try store.markSeen(ticket.id, at: now, as: p) }),
            (.useConsole, { try store.heartbeat(ticket.id, as: p, now: now) }),
            (.useConsole, { _ = try store.agentRoster(as: p) }),
            (.keepDrafts, { try store.saveDraft("brouillon", kind: .reply, ticket: ticket.id.rawValue, as: p, now: now) }),
            (.viewAutomation, { _ = try store.outbox(as: p) }),
            (.viewAutomation, { _ = try store.outboxEntry(1, as: p) }),
            (.viewAutomation, { _ = try store.escalations(of: [ticket.id], as: p) }),
            (.viewAutomation, { _ = try store.automationHealth(as: p) }),
            (.retryDeliveries, { _ = try store.retryDeadOutbox(as: p, now: now) }),
            (.setPolicy, { _ = try store.setPolicy(.default, as: p, now: now) }),
        ]
        for (action, use) in tools {
            let allowed = AccessRules.allows(p, action)
            #expect(allowed == (who == .admin || (who == .agent && ![.retryDeliveries, .setPolicy].contains(action))), "\(action)")
            // A foreign user's keepDrafts sees no such ticket first (it looks missing); everyone else gets the gate's words.
            guard !allowed, !(action == .keepDrafts && !who.isOwner) else {
                if allowed { #expect(throws: Never.self, "\(action)") { try use() } }
                continue
            }
            #expect(throws: TicketError.forbidden(AccessRules.refusal(action)), "\(action)") { try use() }
        }
        // The reads a console makes as it starts give a user nothing rather than an error.
        if !who.isStaff {
            #expect(try store.draftKinds(as: p).isEmpty)
            #expect(try store.lastSeen(as: p).isEmpty)
            #expect(try store.presence(as: p, now: now).isEmpty)
        }
    }
}
