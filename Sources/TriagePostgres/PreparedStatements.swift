import Foundation
import PostgresNIO
import TriageCore

/// The statements every console and API call runs, prepared once per connection (postgres-nio prepares a statement
/// on a connection the first time it runs there, under the type's name, and reuses it after): no parse and no plan
/// on each call. Their plans are generic (`plan_cache_mode = force_generic_plan` in the transactions that use them):
/// row-level security's `(SELECT triage.uid())` is an InitPlan, so a generic plan stays served by the same index
/// as a custom one. Only the fixed shapes are prepared; a filtered or paged queue is built as before.
enum Prepared {
    /// A statement whose rows are decoded by the caller, bound to `values` in order.
    protocol Rows: PostgresPreparedStatement where Row == PostgresRow {
        var values: [any PostgresEncodable & Sendable] { get }
    }

    /// Becomes the principal: the transaction's first statement (`PostgresTicketStore.transaction`), sent unnamed
    /// right behind BEGIN (its plan is a constant's).
    struct Principal: PostgresPreparedStatement {
        static let name = "triage_principal"
        /// With `generic`, the prepared statements' plans are generic and never parallel: a bound LIMIT makes the
        /// planner guess a tenth of the table and pick a parallel plan whose workers cost ten times the read.
        static let sql = """
            SELECT set_config('role', $1, true), set_config('app.principal_role', $2, true), set_config('app.user_id', $3, true),
                   set_config('app.actor', $4, true), set_config('app.caller', $5, true),
                   set_config('plan_cache_mode', CASE WHEN $6 THEN 'force_generic_plan' ELSE current_setting('plan_cache_mode') END, true),
                   set_config('max_parallel_workers_per_gather',
                              CASE WHEN $6 THEN '0' ELSE current_setting('max_parallel_workers_per_gather') END, true)
            """
        var role, kind, user, actor, caller: String
        var generic: Bool

        func makeBindings() throws -> PostgresBindings {
            var b = PostgresBindings(capacity: 6)
            for value in [role, kind, user, actor, caller] { b.append(value) }
            b.append(generic)
            return b
        }
        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// The first page of the staff queue, unfiltered: what a console and the desk's list open on.
    struct StaffQueue: Rows {
        static let name = "triage_staff_queue"
        static let sql = PostgresTicketStore.queueSQL([], limit: "$1", publicView: false)
        var limit: Int
        var values: [any PostgresEncodable & Sendable] { [limit] }
    }

    /// The first page of a requester's own queue.
    struct RequesterQueue: Rows {
        static let name = "triage_requester_queue"
        static let sql = PostgresTicketStore.queueSQL(["t.user_id = $1"], limit: "$2", publicView: true)
        var user: String
        var limit: Int
        var values: [any PostgresEncodable & Sendable] { [user, limit] }
    }

    /// A ticket by id, as staff see it.
    struct StaffTicket: Rows {
        static let name = "triage_staff_ticket"
        static let sql = "\(PostgresTicketStore.ticketSelect(publicView: false)) WHERE t.id = $1"
        var id: String
        var values: [any PostgresEncodable & Sendable] { [id] }
    }

    /// A ticket by id, as its requester sees it.
    struct RequesterTicket: Rows {
        static let name = "triage_requester_ticket"
        static let sql = "\(PostgresTicketStore.ticketSelect(publicView: true)) WHERE t.id = $1 AND t.user_id = $2"
        var id: String
        var user: String
        var values: [any PostgresEncodable & Sendable] { [id, user] }
    }

    /// A ticket's thread: internal notes included (staff) or not.
    struct Thread: Rows {
        static let name = "triage_thread"
        static let sql = """
            SELECT id, author_kind, author, body, internal, created_at FROM triage.messages
            WHERE ticket_id = $1 AND ($2 OR NOT internal) ORDER BY created_at, id
            """
        var id: String
        var internalNotes: Bool
        var values: [any PostgresEncodable & Sendable] { [id, internalNotes] }
    }

    /// A ticket's whole event log, in order.
    struct Events: Rows {
        static let name = "triage_events"
        static let sql = "SELECT kind, actor, at, old_value, new_value FROM triage.events WHERE ticket_id = $1 ORDER BY id"
        var id: String
        var values: [any PostgresEncodable & Sendable] { [id] }
    }
}

extension Prepared.Rows {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { try bindings.append(value) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}
