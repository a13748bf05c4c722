import Foundation
import Hummingbird
import TriageCore
import TriageStore

/// `POST /api/commands` (SPEC §7, §8): a gateway bot relays a member's `!ticket_*` message and posts the answer, so
/// the bot stays a thin relay. The command runs with exactly the scope of the caller (`Caller`): a service token for
/// the user it names, a user token for its own user, an agent or admin token as that staff member.
///
/// A command the grammar or the store refuses is still a `200` whose reply starts with ❌ (the bot posts it); only
/// a bad body or token is an HTTP error.
struct CommandController {
    let runner: CommandRunner

    var endpoints: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post(use: run)
        return routes
    }

    /// `{"user_id", "user_name"?, "text", "locale"?}`.
    struct CommandRequest: Decodable {
        var userID: UserID?
        var userName: String?
        var text: String?
        var locale: String?

        enum CodingKeys: String, CodingKey {
            case text, locale
            case userID = "user_id"
            case userName = "user_name"
        }
    }

    /// `{"reply", "ticket_id", "failed"}`: the text to post, the ticket it is about (or null), whether it is an error.
    struct CommandResponse: Encodable {
        var reply: String
        var ticketID: TicketID?
        var failed: Bool

        enum CodingKeys: String, CodingKey {
            case reply, failed
            case ticketID = "ticket_id"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reply, forKey: .reply)
            try container.encode(failed, forKey: .failed)
            try container.encode(ticketID, forKey: .ticketID)
        }
    }

    @Sendable func run(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = try await JSONResponse.decode(CommandRequest.self, from: request, context: context)
        let token = try context.requireToken()
        let principal = try Caller.principal(token, named: Caller.isStaff(token) ? nil : body.userID)
        guard let text = body.text else { throw FieldHints.missing("text") }
        // A field of this request like any other: a bad name is a 422 here, as on POST /api/tickets (the runner drops
        // a bad name from Discord rather than fail the member's command).
        let name = try body.userName.map { (name) throws(TicketError) in try Validation.userName(name) }
        let reply = await runner.run(text: text, as: principal, requesterName: name, language: Language(locale: body.locale))
        return JSONResponse.make(CommandResponse(reply: reply.text, ticketID: reply.ticket, failed: reply.failed))
    }
}
