import Foundation

/// The tickets as every front end uses them (SPEC §10): one contract, two backends — the SQLite file
/// (`SQLiteTicketStore` over `TicketStore`) and PostgreSQL (`PostgresTicketStore`) — held to it by one conformance
/// suite. Every read and write takes the acting principal; a foreign ticket looks missing; a write is one
/// transaction that keeps the ticket, its events, its SLA columns and its outbox rows consistent. Async, because the
/// PostgreSQL client is.
///
/// The decisions (who may do what, what a change does to a ticket, its events and notices) are `AccessRules`,
/// `TicketTransitions`, `TicketInput` and `Automations`, in Core; each backend keeps only its SQL.
public protocol TicketStoring: Sendable {
    /// Where tracking links point (`TicketURL`).
    var baseURL: String { get }
    /// The SLA policy in force (every process applies the store's).
    func policy(as principal: Principal) async throws(TicketError) -> SLAPolicy

    /// Opens a ticket for `new.requester` (users and the service only for the user they act for).
    func create(_ new: NewTicket, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    /// The ticket as `principal` may see it.
    func ticket(_ id: String, as principal: Principal) async throws(TicketError) -> Ticket
    /// The ticket with its thread (internal notes for staff only) and, for staff, its event log.
    func detail(_ id: String, as principal: Principal) async throws(TicketError) -> TicketDetail
    /// The queue in SLA order (or the closed list), scoped to `principal`, a page at a time.
    func queue(_ filter: QueueFilter, as principal: Principal, after cursor: QueueCursor?) async throws(TicketError) -> QueuePage

    func reply(_ id: String, body: String, internal isInternal: Bool, keepOpen: Bool, as principal: Principal, now: Date) async throws(TicketError)
        -> Message
    func close(_ id: String, resolution: String?, notifyUser: Bool, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func reopen(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func assign(_ id: String, to assignee: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func setPriority(_ id: String, _ priority: Priority, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func setCategory(_ id: String, _ category: Category, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func setStatus(_ id: String, _ status: TicketStatus, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func tag(_ id: String, add: [String], remove: [String], as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func escalate(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func acknowledge(_ id: String, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
    func rate(_ id: String, rating: Int, comment: String?, as principal: Principal, now: Date) async throws(TicketError) -> Ticket
}
