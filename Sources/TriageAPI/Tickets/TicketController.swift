import Foundation
import HTTPTypes
import Hummingbird
import TriageCore
import TriageStore

/// The ticket endpoints of SPEC §7 under `/api/tickets`: create, list, view, reply, close, feedback and weekly stats.
///
/// Each handler reads its input, works out who the caller acts as (`Caller`), calls one method of the store contract
/// (`TicketStoring`, either backend) — where the scope and the access rules are applied — and encodes the answer with
/// the shared wire shapes of `TriageCore`. Scope is never applied here: a foreign ticket is the store's `no ticket`,
/// hence a 404 like a missing one.
struct TicketController {
    let store: any TicketStoring
    let now: @Sendable () -> Date
    let pageCache = PageCache()

    var endpoints: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post(use: create)
        routes.get(use: list)
        routes.get("stats", use: stats)
        routes.get("{id}", use: view)
        routes.post("{id}/reply", use: reply)
        routes.post("{id}/close", use: close)
        routes.post("{id}/feedback", use: feedback)
        routes.post("{id}/ack", use: ack)
        return routes
    }

    // MARK: Reads

    /// `GET /api/tickets?status=&priority=&category=&assignee=&limit=&cursor=`: the caller's visible tickets in
    /// queue order, one page at a time.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let query = Query(request)
        let principal = try Caller.principal(try context.requireToken(), named: try query.userID())
        let assignee =
            try query.string("assignee").map { text throws(TicketError) in
                try QueueFilter.Assignee.parse(text, me: principal.actorName)
            } ?? .anyone
        let filter = QueueFilter(
            status: try query.vocabulary(TicketStatus.self), priority: try query.vocabulary(Priority.self),
            category: try query.vocabulary(TriageCore.Category.self), assignee: assignee, limit: try query.limit(default: 50))
        let cursor = try query.string("cursor").map { token throws(TicketError) in try QueueCursor(token: token) }
        // The counter is read before the page, so a cached page is never older than the version it is filed under.
        let version = try await store.changeCounter()
        let second = Int(now().timeIntervalSince1970.rounded(.down))
        let key = "\(principal)|\(request.uri.query ?? "")"
        if let body = pageCache.get(key, version: version, second: second) { return JSONResponse.make(encoded: body) }
        let page = try await store.queue(filter, as: principal, after: cursor)
        let policy = try await store.policy(as: principal)
        let at = Date(timeIntervalSince1970: Double(second))
        let body = JSONResponse.encode(
            TicketPageJSON(
                tickets: page.tickets.map { TicketJSON($0, messages: nil, now: at, policy: policy, baseURL: store.baseURL) },
                nextCursor: page.nextCursor?.token))
        pageCache.put(key, version: version, second: second, body: body)
        return JSONResponse.make(encoded: body)
    }

    /// `GET /api/tickets/{id}`: the ticket with its thread as the caller may see it (internal notes for staff only).
    @Sendable func view(_ request: Request, context: APIRequestContext) async throws -> Response {
        let principal = try Caller.principal(try context.requireToken(), named: try Query(request).userID())
        return try await ticketAnswer(try context.parameters.require("id"), as: principal)
    }

    /// `GET /api/tickets/stats?week=2026-W47`: the weekly figures, KPIs, reminders and recommendations. Staff only.
    @Sendable func stats(_ request: Request, context: APIRequestContext) async throws -> Response {
        let token = try context.requireToken()
        guard Caller.isStaff(token) else { throw APIError.forbidden(AccessRules.refusal(.viewStats)) }
        let principal = try Caller.principal(token, named: nil)
        let now = now()
        let week =
            try Query(request).string("week").map { text throws(TicketError) in try ISOWeek(parsing: text) } ?? ISOWeek(containing: now)
        let stats = try await store.weeklyStats(week, as: principal, now: now)
        let reminders = try await store.reminders(as: principal, now: now, limit: 100)
        return JSONResponse.make(StatsJSON(stats, reminders: reminders))
    }

    /// The ticket `id` with its visible thread, as `GET /api/tickets/{id}` and the close endpoint answer it.
    func ticketAnswer(_ id: String, as principal: Principal, status: HTTPResponse.Status = .ok) async throws -> Response {
        let detail = try await store.thread(id, as: principal)
        let policy = try await store.policy(as: principal)
        return JSONResponse.make(
            TicketJSON(detail.ticket, messages: detail.messages, now: now(), policy: policy, baseURL: store.baseURL), status: status)
    }
}
