import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// Every principal × every ticket read and write, on their own ticket, someone else's and a missing one (SPEC §1,
/// §7): the outcomes of `Tests/TriageStoreTests/AccessMatrixTests`, with the exact errors.
@Suite struct IsolationConformanceTests {
    enum Who: String, CaseIterable, CustomStringConvertible {
        case owner, ownerViaService, otherUser, otherViaService, agent, admin
        var description: String { rawValue }
        var principal: Principal {
            switch self {
            case .owner: C.user
            case .ownerViaService: C.service
            case .otherUser: C.stranger
            case .otherViaService: .service(onBehalfOf: C.other)
            case .agent: C.agent
            case .admin: C.admin
            }
        }
        var isOwner: Bool { self == .owner || self == .ownerViaService }
        var isStaff: Bool { self == .agent || self == .admin }
    }

    enum Action: String, CaseIterable, CustomStringConvertible {
        case view, detail, reply, internalNote, close, reopen, rate, assign, setPriority, setCategory, setStatus, tag, escalate, acknowledge
        var description: String { rawValue }

        func perform(_ store: any TicketStoring, id: String, as p: Principal) async throws(TicketError) {
            let now = C.at(1)
            switch self {
            case .view: _ = try await store.ticket(id, as: p)
            case .detail: _ = try await store.detail(id, as: p)
            case .reply: _ = try await store.reply(id, body: "Merci !", internal: false, keepOpen: false, as: p, now: now)
            case .internalNote: _ = try await store.reply(id, body: "note", internal: true, keepOpen: false, as: p, now: now)
            case .close: _ = try await store.close(id, resolution: "done", notifyUser: true, as: p, now: now)
            case .reopen: _ = try await store.reopen(id, as: p, now: now)
            case .rate: _ = try await store.rate(id, rating: 5, comment: "Top", as: p, now: now)
            case .assign: _ = try await store.assign(id, to: "bob", as: p, now: now)
            case .setPriority: _ = try await store.setPriority(id, .critical, as: p, now: now)
            case .setCategory: _ = try await store.setCategory(id, .account, as: p, now: now)
            case .setStatus: _ = try await store.setStatus(id, .waiting, as: p, now: now)
            case .tag: _ = try await store.tag(id, add: ["vip"], remove: [], as: p, now: now)
            case .escalate: _ = try await store.escalate(id, as: p, now: now)
            case .acknowledge: _ = try await store.acknowledge(id, as: p, now: now)
            }
        }

        /// Rate and reopen act on a closed ticket, acknowledge on an escalated one.
        var needsClosedTicket: Bool { self == .rate || self == .reopen }

        var isWrite: Bool { self != .view && self != .detail }

        /// The owner's refusal, or nil when the owner may.
        func ownerRefusal(_ id: TicketID) -> TicketError? {
            switch self {
            case .view, .detail, .reply, .close, .reopen, .rate: nil
            case .internalNote: .forbidden(AccessRules.refusal(.addInternalNote))
            case .assign, .setPriority, .setCategory, .setStatus, .tag, .escalate, .acknowledge:
                .forbidden(AccessRules.refusal(.assign, ticket: id))
            }
        }

        /// Staff's refusal: only rating, which is the requester's.
        func staffRefusal(_ id: TicketID) -> TicketError? {
            self == .rate ? .forbidden("only the requester can rate \(id)") : nil
        }
    }

    /// A ticket of the owner's, closed or escalated as `action` needs.
    static func prepare(_ store: any TicketStoring, for action: Action, at hours: Double = 0) async throws -> Ticket {
        let ticket = try await C.open(store, at: hours)
        if action.needsClosedTicket {
            return try await store.close(ticket.id.rawValue, resolution: nil, notifyUser: false, as: C.agent, now: C.at(hours + 0.5))
        }
        if action == .acknowledge { return try await store.escalate(ticket.id.rawValue, as: C.admin, now: C.at(hours + 0.5)) }
        return ticket
    }

    @Test(
        "each principal × action on the owner's ticket: the owner per the rules, staff all but rating, others see no ticket",
        arguments: Backend.enabled)
    func ownAndForeign(backend: Backend) async throws {
        try await with(backend) { store in
            for who in Who.allCases {
                for action in Action.allCases {
                    let ticket = try await Self.prepare(store, for: action)
                    let before = try await store.ticket(ticket.id.rawValue, as: C.agent)
                    let eventsBefore = try await store.detail(ticket.id.rawValue, as: C.admin).events
                    let error = await C.error { () async throws(TicketError) in
                        try await action.perform(store, id: ticket.id.rawValue, as: who.principal)
                    }
                    let expected: TicketError? =
                        who.isStaff
                        ? action.staffRefusal(ticket.id) : who.isOwner ? action.ownerRefusal(ticket.id) : .noTicket(ticket.id.rawValue)
                    #expect(error == expected, "\(who) \(action)")
                    // A refused write changes nothing
                    if error != nil {
                        #expect(try await store.ticket(ticket.id.rawValue, as: C.agent) == before, "\(who) \(action)")
                        #expect(try await store.detail(ticket.id.rawValue, as: C.admin).events == eventsBefore, "\(who) \(action)")
                    }
                }
            }
        }
    }

    @Test("each principal × action on a missing ticket (well-formed or not): no ticket", arguments: Backend.enabled)
    func missing(backend: Backend) async throws {
        try await with(backend) { store in
            _ = try await C.open(store)
            for who in Who.allCases {
                for action in Action.allCases {
                    for id in ["TKTZZZZZZ", "tktzzzzzz", "not-an-id", ""] {
                        let error = await C.error { () async throws(TicketError) in
                            try await action.perform(store, id: id, as: who.principal)
                        }
                        #expect(error == .noTicket(id), "\(who) \(action) \(id)")
                    }
                }
            }
            #expect(TicketError.noTicket("tktzzzzzz") == .notFound("no ticket TKTZZZZZZ"))
        }
    }

    @Test("a foreign ticket looks exactly like a missing one", arguments: Backend.enabled)
    func foreignLooksMissing(backend: Backend) async throws {
        try await with(backend) { store in
            let ticket = try await C.open(store)
            let id = ticket.id.rawValue
            let missing = "TKTZZZZZZ"
            for stranger in [C.stranger, Principal.service(onBehalfOf: C.other)] {
                let foreignDetail = await C.error { _ = try await store.detail(id.lowercased(), as: stranger) }
                let missingDetail = await C.error { _ = try await store.detail(missing.lowercased(), as: stranger) }
                #expect(foreignDetail == .notFound("no ticket \(id)"))
                #expect(missingDetail == .notFound("no ticket \(missing)"))
                // The same words, but for the id
                #expect(foreignDetail.map { "\($0)".replacingOccurrences(of: id, with: missing) } == missingDetail.map { "\($0)" })
                #expect(foreignDetail?.code == missingDetail?.code)
                let foreignReply = await C.error {
                    _ = try await store.reply(id, body: "hi", internal: false, keepOpen: false, as: stranger, now: C.at(1))
                }
                #expect(foreignReply == .noTicket(id))
                // A foreign owner's list does not hold it
                #expect(try await store.queue(QueueFilter(), as: stranger, after: nil).tickets.isEmpty)
            }
        }
    }
}
