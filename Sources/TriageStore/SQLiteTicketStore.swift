import Foundation
import TriageCore

/// The SQLite store behind the `TicketStoring` contract: each call runs the store's own (synchronous) transaction.
public struct SQLiteTicketStore: TicketStoring {
    public let store: TicketStore

    public init(_ store: TicketStore) { self.store = store }

    public var baseURL: String { store.baseURL }
    public func policy(as principal: Principal) async throws(TicketError) -> SLAPolicy { store.policy }

    public func create(_ new: NewTicket, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.create(new, as: principal, now: now)
    }
    public func ticket(_ id: String, as principal: Principal) async throws(TicketError) -> Ticket { try store.ticket(id, as: principal) }
    public func detail(_ id: String, as principal: Principal) async throws(TicketError) -> TicketDetail {
        try store.detail(id, as: principal)
    }
    public func queue(_ filter: QueueFilter, as principal: Principal, after cursor: QueueCursor?) async throws(TicketError) -> QueuePage {
        try store.queue(filter, as: principal, after: cursor)
    }
    public func reply(_ id: String, body: String, internal isInternal: Bool, keepOpen: Bool, as principal: Principal, now: Date) async throws(TicketError)
        -> Message
    {
        try store.reply(id, body: body, internal: isInternal, keepOpen: keepOpen, as: principal, now: now)
    }
    public func close(_ id: String, resolution: String?, notifyUser: Bool, as principal: Principal, now: Date) async throws(TicketError)
        -> Ticket
    {
        try store.close(id, resolution: resolution, notifyUser: notifyUser, as: principal, now: now)
    }
    public func reopen(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.reopen(id, as: principal, now: now)
    }
    public func assign(_ id: String, to assignee: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.assign(id, to: assignee, as: principal, now: now)
    }
    public func setPriority(_ id: String, _ priority: Priority, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.setPriority(id, priority, as: principal, now: now)
    }
    public func setCategory(_ id: String, _ category: Category, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.setCategory(id, category, as: principal, now: now)
    }
    public func setStatus(_ id: String, _ status: TicketStatus, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.setStatus(id, status, as: principal, now: now)
    }
    public func tag(_ id: String, add: [String], remove: [String], as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.tag(id, add: add, remove: remove, as: principal, now: now)
    }
    public func escalate(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.escalate(id, as: principal, now: now)
    }
    public func acknowledge(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.acknowledge(id, as: principal, now: now)
    }
    public func rate(_ id: String, rating: Int, comment: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket {
        try store.rate(id, rating: rating, comment: comment, as: principal, now: now)
    }
}
