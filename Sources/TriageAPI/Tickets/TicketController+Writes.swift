import Foundation
import HTTPTypes
import Hummingbird
import TriageCore
import TriageStore

extension TicketController {
    // MARK: Writes — each answered only once the store's transaction has committed

    /// `POST /api/tickets`: opens a ticket; `201 {"ticket_id", "status", "created_at", "url", "due_at", "sla_hours"}`.
    /// With an `Idempotency-Key`, once per key (`Idempotency`), outside the group commit.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONResponse.decode(CreateRequest.self, from: request, context: context)
        let token = try context.requireToken()
        let principal = try Caller.principal(token, named: body.userID)
        guard let requester = principal.scopedUser ?? body.userID else { throw FieldHints.missing("user_id") }
        guard let category = body.category else { throw FieldHints.missing("category") }
        guard let subject = body.subject else { throw FieldHints.missing("subject") }
        guard let description = body.description else { throw FieldHints.missing("description") }
        let new = NewTicket(
            requester: requester, subject: subject, category: try TriageCore.Category.parse(category),
            priority: try body.priority.map { text throws(TicketError) in try Priority.parse(text) } ?? .medium, description: description,
            requesterName: body.userName)
        let now = now()
        if let key = try Idempotency.key(request, token: token, body: body) {
            let baseURL = store.baseURL
            let answer = try await store.create(new, as: principal, now: now, key: key) { ticket in
                StoredAnswer(
                    status: 201, body: JSONResponse.encode(CreatedTicketJSON(ticket, baseURL: baseURL)), location: "/api/tickets/\(ticket.id)")
            }
            return Idempotency.response(answer)
        }
        let ticket = try await store.create(new, as: principal, now: now)
        return JSONResponse.make(
            CreatedTicketJSON(ticket, baseURL: store.baseURL), status: .created, headers: [.location: "/api/tickets/\(ticket.id)"])
    }

    /// `POST /api/tickets/{id}/reply`: adds a message (an internal note with `"internal_note": true`, staff only);
    /// `201` the message. A user's reply to a closed ticket reopens it. With an `Idempotency-Key`, once per key.
    @Sendable func reply(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONResponse.decode(ReplyRequest.self, from: request, context: context)
        let token = try context.requireToken()
        let principal = try Caller.principal(token, named: body.userID)
        guard let text = body.message else { throw FieldHints.missing("message") }
        let (id, isInternal, now) = (try context.parameters.require("id"), body.internalNote ?? false, now())
        if let key = try Idempotency.key(request, token: token, body: body) {
            let answer = try await store.reply(id, body: text, internal: isInternal, as: principal, now: now, key: key) { message in
                StoredAnswer(status: 201, body: JSONResponse.encode(TicketJSON.MessageJSON(message)))
            }
            return Idempotency.response(answer)
        }
        let message = try await store.reply(id, body: text, internal: isInternal, keepOpen: false, as: principal, now: now)
        return JSONResponse.make(TicketJSON.MessageJSON(message), status: .created)
    }

    /// `POST /api/tickets/{id}/close`: closes with an optional resolution, asking the user for feedback unless
    /// `"notify_user": false`; answers the closed ticket. Closing a closed ticket is a 409.
    @Sendable func close(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONResponse.decode(CloseRequest.self, from: request, context: context)
        let principal = try Caller.principal(try context.requireToken(), named: body.userID)
        let id = try context.parameters.require("id")
        let (resolution, notify, now) = (body.resolution, body.notifyUser ?? true, now())
        _ = try await store.close(id, resolution: resolution, notifyUser: notify, as: principal, now: now)
        return try await ticketAnswer(id, as: principal)
    }

    /// `POST /api/tickets/{id}/feedback`: the requester rates a closed ticket 1 to 5 with an optional comment; `201`.
    @Sendable func feedback(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONResponse.decode(FeedbackRequest.self, from: request, context: context)
        let principal = try Caller.principal(try context.requireToken(), named: body.userID)
        guard let number = body.rating else { throw FieldHints.missing("rating") }
        guard let rating = Int(exactly: number) else { throw APIError.invalid("rating", "rating must be \(FieldHints.hints["rating"]!)") }
        let (id, comment, now) = (try context.parameters.require("id"), body.comment, now())
        let ticket = try await store.rate(id, rating: rating, comment: comment, as: principal, now: now)
        let satisfaction = ticket.satisfaction
        return JSONResponse.make(
            FeedbackResponse(
                ticketID: ticket.id, rating: satisfaction?.rating ?? rating, comment: satisfaction?.comment,
                ratedAt: Timestamp.string(satisfaction?.ratedAt ?? now)),
            status: .created)
    }

    /// `POST /api/tickets/{id}/ack`: on-call acknowledges the escalation (staff only): no more pages this cycle, the
    /// pending ones cancelled; answers the ticket. A ticket that is not escalated is a 409; acknowledging twice is
    /// harmless.
    @Sendable func ack(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try await JSONResponse.decode(AckRequest.self, from: request, context: context)
        let token = try context.requireToken()
        guard Caller.isStaff(token) else { throw APIError.forbidden(AccessRules.refusal(.acknowledge)) }
        let principal = try Caller.principal(token, named: nil)
        let (id, now) = (try context.parameters.require("id"), now())
        _ = try await store.acknowledge(id, as: principal, now: now)
        return try await ticketAnswer(id, as: principal)
    }
}

/// `POST /api/tickets/{id}/ack` takes no fields: an empty body or a JSON object (anything else is a 400, as everywhere).
struct AckRequest: Decodable {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: AnyKey.self)
    }
}
