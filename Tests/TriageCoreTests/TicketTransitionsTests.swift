import Foundation
import Testing

@testable import TriageCore

/// What each change does to a ticket, table-driven and without a store: who may make it, when it is refused, the
/// fields it sets and the events it records.
@Suite struct TicketTransitionsTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    static let now = t0.addingTimeInterval(3600)
    static let owner = UserID(42)
    static let agent = Principal.agent("alice")
    static let requester = Principal.user(owner)
    static let stranger = Principal.user(UserID(7))
    static let bot = Principal.service(onBehalfOf: owner)

    static func ticket(_ status: TicketStatus = .open, escalated: Bool = false, acknowledged: Bool = false, tags: [String] = []) -> Ticket {
        let created = TicketEvent(ticketID: TicketID("TKTA1B2C3")!, kind: .created, actor: "42", at: t0, newValue: "billing/high")
        return Ticket(
            id: TicketID("TKTA1B2C3")!, userID: owner, subject: "Paiement refusé", description: "Ma carte est refusée.",
            category: .billing, priority: .high, status: status, tags: tags, escalated: escalated,
            resolution: status == .closed ? "Carte réactivée" : nil, createdAt: t0, closedAt: status == .closed ? t0 : nil,
            sla: SLAClock.replay([created.slaEvent!], policy: .default)!, acknowledgedAt: acknowledged ? t0 : nil)
    }

    enum Expect: Equatable, Sendable {
        case forbidden, conflict, invalid
        /// The events' (kind, old, new), in order.
        case events([String])
    }

    static func outcome(_ body: () throws(TicketError) -> TicketTransitions.Change) -> (Expect, Ticket?) {
        do {
            let change = try body()
            return (.events(change.events.map { "\($0.kind.rawValue) \($0.oldValue ?? "-") \($0.newValue ?? "-")" }), change.ticket)
        } catch {
            switch error {
            case .forbidden: return (.forbidden, nil)
            case .conflict: return (.conflict, nil)
            case .invalidField: return (.invalid, nil)
            default: return (.invalid, nil)
            }
        }
    }

    typealias Row = (String, Principal, Ticket, @Sendable (Ticket, Principal) throws(TicketError) -> TicketTransitions.Change, Expect)

    static let rows: [Row] = [
        ("assign", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.assign(t, to: "bruno", by: p, now: now) }, .events(["assigned - bruno"])),
        ("assign again", agent, ticket(), { t, p throws(TicketError) in
            var t = t
            t.assignee = "bruno"
            return try TicketTransitions.assign(t, to: "bruno", by: p, now: now)
        }, .events([])),
        ("assign by the requester", requester, ticket(), { t, p throws(TicketError) in try TicketTransitions.assign(t, to: "bruno", by: p, now: now) }, .forbidden),
        ("assign by the bot", bot, ticket(), { t, p throws(TicketError) in try TicketTransitions.assign(t, to: nil, by: p, now: now) }, .forbidden),
        ("priority", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.setPriority(t, .critical, by: p, now: now) }, .events(["priority_changed high critical"])),
        ("priority of a closed ticket", agent, ticket(.closed), { t, p throws(TicketError) in try TicketTransitions.setPriority(t, .low, by: p, now: now) }, .events(["priority_changed high low"])),
        ("category", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.setCategory(t, .technical, by: p, now: now) }, .events(["category_changed billing technical"])),
        ("waiting", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.setStatus(t, .waiting, by: p, now: now) }, .events(["status_changed open waiting"])),
        ("status closed", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.setStatus(t, .closed, by: p, now: now) }, .invalid),
        ("status of a closed ticket", agent, ticket(.closed), { t, p throws(TicketError) in try TicketTransitions.setStatus(t, .open, by: p, now: now) }, .conflict),
        ("tags", agent, ticket(tags: ["vip"]), { t, p throws(TicketError) in
            try TicketTransitions.tag(t, add: ["refund", "vip"], remove: ["vip", "absent"], by: p, now: now)
        }, .events(["tagged - refund", "tagged vip -"])),
        ("tags by the requester", requester, ticket(), { t, p throws(TicketError) in try TicketTransitions.tag(t, add: ["x"], remove: [], by: p, now: now) }, .forbidden),
        ("escalate", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.escalate(t, by: p, now: now) }, .events(["escalated - c1"])),
        ("escalate again", agent, ticket(escalated: true), { t, p throws(TicketError) in try TicketTransitions.escalate(t, by: p, now: now) }, .events([])),
        ("acknowledge", agent, ticket(escalated: true), { t, p throws(TicketError) in try TicketTransitions.acknowledge(t, by: p, now: now) }, .events(["acknowledged - c1"])),
        ("acknowledge twice", agent, ticket(escalated: true, acknowledged: true), { t, p throws(TicketError) in try TicketTransitions.acknowledge(t, by: p, now: now) }, .events([])),
        ("acknowledge, not escalated", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.acknowledge(t, by: p, now: now) }, .conflict),
        ("acknowledge by the requester", requester, ticket(escalated: true), { t, p throws(TicketError) in try TicketTransitions.acknowledge(t, by: p, now: now) }, .forbidden),
        ("reopen by the requester", requester, ticket(.closed), { t, p throws(TicketError) in try TicketTransitions.reopen(t, by: p, now: now) }, .events(["reopened closed open"])),
        ("reopen by another user", stranger, ticket(.closed), { t, p throws(TicketError) in try TicketTransitions.reopen(t, by: p, now: now) }, .forbidden),
        ("reopen an open ticket", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.reopen(t, by: p, now: now) }, .conflict),
        ("rate", requester, ticket(.closed), { t, p throws(TicketError) in try TicketTransitions.rate(t, rating: 5, comment: "Merci", by: p, now: now) }, .events(["rated - 5"])),
        ("rate through the bot", bot, ticket(.closed), { t, p throws(TicketError) in try TicketTransitions.rate(t, rating: 4, comment: nil, by: p, now: now) }, .events(["rated - 4"])),
        ("rate by staff", agent, ticket(.closed), { t, p throws(TicketError) in try TicketTransitions.rate(t, rating: 5, comment: nil, by: p, now: now) }, .forbidden),
        ("close by staff", agent, ticket(), { t, p throws(TicketError) in try TicketTransitions.close(t, resolution: "Fait", by: p, now: now) }, .events(["closed - Fait"])),
        ("close by the requester", requester, ticket(), { t, p throws(TicketError) in try TicketTransitions.close(t, resolution: nil, by: p, now: now) }, .events(["closed - -"])),
        ("close another user's", stranger, ticket(), { t, p throws(TicketError) in try TicketTransitions.close(t, resolution: nil, by: p, now: now) }, .forbidden),
        ("close twice", agent, ticket(.closed), { t, p throws(TicketError) in try TicketTransitions.close(t, resolution: nil, by: p, now: now) }, .conflict),
        ("agent reply", agent, ticket(), { t, p throws(TicketError) in reply(t, p, internal: false) }, .events(["replied - 9", "status_changed open waiting"])),
        ("agent reply, kept open", agent, ticket(), { t, p throws(TicketError) in reply(t, p, internal: false, keepOpen: true) }, .events(["replied - 9"])),
        ("note", agent, ticket(.closed), { t, p throws(TicketError) in reply(t, p, internal: true) }, .events(["note_added - 9"])),
        ("user reply to waiting", requester, ticket(.waiting), { t, p throws(TicketError) in reply(t, p, internal: false) }, .events(["replied - 9", "status_changed waiting open"])),
        ("user reply to closed", requester, ticket(.closed), { t, p throws(TicketError) in reply(t, p, internal: false) }, .events(["reopened closed open", "replied - 9"])),
        ("a note by the requester", requester, ticket(), { t, p throws(TicketError) in
            _ = try TicketTransitions.author(p, internal: true)
            return reply(t, p, internal: true)
        }, .forbidden),
        ("rate an open ticket", requester, ticket(), { t, p throws(TicketError) in try TicketTransitions.rate(t, rating: 5, comment: nil, by: p, now: now) }, .conflict),
    ]

    static func reply(_ ticket: Ticket, _ principal: Principal, internal isNote: Bool, keepOpen: Bool = false) -> TicketTransitions.Change {
        let message = Message(
            id: 9, ticketID: ticket.id, authorKind: principal.isStaff ? .agent : .user, author: principal.actorName, body: "Bonjour",
            isInternal: isNote, createdAt: now)
        return TicketTransitions.reply(ticket, message: message, keepOpen: keepOpen, url: "https://x/t", by: principal, now: now)
    }

    /// A new ticket: who may open it for whom, its state, its `created` event and who hears of it (by priority).
    @Test func opening() throws {
        func open(_ principal: Principal, for requester: UserID = Self.owner, _ priority: Priority = .critical) throws(TicketError) -> TicketTransitions.Change {
            try TicketTransitions.open(
                id: TicketID("TKTNEW001")!, requester: requester, subject: "Jeu bloqué", description: "Écran noir.", category: .technical,
                priority: priority, requesterName: "Amélie", policy: .default, url: "https://x/t", by: principal, now: Self.now)
        }
        let opened = try open(Self.requester)
        #expect(opened.ticket.status == .open && opened.ticket.awaitingAgentSince == Self.now && opened.ticket.requesterName == "Amélie")
        #expect(opened.ticket.sla.dueAt == Self.now.addingTimeInterval(opened.ticket.sla.budget.hours * 3600))
        #expect(opened.events.map { "\($0.kind.rawValue) \($0.newValue ?? "-")" } == ["created technical/critical"])
        #expect(opened.notifications.map(\.target) == [.adminTickets, .user, .oncall, .log])
        #expect(try open(Self.bot, .high).notifications.map(\.target) == [.adminTickets, .user, .senior, .log])
        #expect(try open(Self.agent, for: UserID(7), .low).ticket.userID == UserID(7))
        #expect(throws: TicketError.self) { try open(Self.stranger) }
        #expect(throws: TicketError.self) { try open(Principal.service(onBehalfOf: UserID(7))) }
    }

    /// Only an agent's public reply is relayed to the user; it is what answered them (first response, not awaiting).
    @Test func anAgentsPublicReplyIsRelayed() {
        let answered = Self.reply(Self.ticket(), Self.agent, internal: false)
        #expect(answered.notifications.map(\.target) == [.user, .log])
        #expect(answered.ticket.firstResponseAt == Self.now && answered.ticket.awaitingAgentSince == nil)
        #expect(Self.reply(Self.ticket(), Self.agent, internal: true).notifications.isEmpty)
        #expect(Self.reply(Self.ticket(.waiting), Self.requester, internal: false).notifications.isEmpty)
        #expect(Self.reply(Self.ticket(.waiting), Self.requester, internal: false).ticket.awaitingAgentSince != nil)
    }

    @Test(arguments: rows.indices)
    func transition(_ index: Int) {
        let (name, principal, ticket, body, expected) = Self.rows[index]
        let (got, _) = Self.outcome { () throws(TicketError) in try body(ticket, principal) }
        #expect(got == expected, "\(name)")
    }

    /// The fields each change sets, beyond its events.
    @Test func theFieldsEachChangeSets() throws {
        let reopened = try TicketTransitions.reopen(Self.ticket(.closed, escalated: true, acknowledged: true), by: Self.requester, now: Self.now).ticket
        #expect(reopened.status == .open && reopened.closedAt == nil && reopened.resolution == nil)
        #expect(reopened.awaitingAgentSince == Self.now && !reopened.escalated && reopened.acknowledgedAt == nil)
        let tagged = try TicketTransitions.tag(Self.ticket(tags: ["vip"]), add: ["b", "a"], remove: [], by: Self.agent, now: Self.now).ticket
        #expect(tagged.tags == ["a", "b", "vip"])
        var waiting = Self.ticket(.waiting)
        waiting.awaitingAgentSince = nil
        #expect(try TicketTransitions.setStatus(waiting, .open, by: Self.agent, now: Self.now).ticket.awaitingAgentSince == Self.now)
        let rated = try TicketTransitions.rate(Self.ticket(.closed), rating: 3, comment: "Bof", by: Self.requester, now: Self.now).ticket
        #expect(rated.satisfaction == Satisfaction(rating: 3, comment: "Bof", ratedAt: Self.now))
        let acknowledged = try TicketTransitions.acknowledge(Self.ticket(escalated: true), by: Self.agent, now: Self.now)
        #expect(acknowledged.ticket.acknowledgedAt == Self.now && acknowledged.events.first?.actor == "alice")
    }
}
