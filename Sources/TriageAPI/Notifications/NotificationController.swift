import Foundation
import HTTPTypes
import Hummingbird
import TriageCore
import TriageDiscord

/// The bot's pull of user notifications (SPEC §6, §7) when Triage has no bot token of its own:
/// `GET /api/notifications?limit=` leases the due ones to the caller for 60 s (another bot instance does not get
/// them meanwhile) and `POST /api/notifications/{id}/ack` says one was delivered. Service tokens only. The texts are
/// ready to post on Discord in the user's language (user text escaped, never an internal note).
struct NotificationController {
    let store: any TicketStoring
    let inactivity: TriageConfig.Inactivity
    let now: @Sendable () -> Date

    var endpoints: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get(use: list)
        routes.post("{id}/ack", use: ack)
        return routes
    }

    struct NotificationJSON: Encodable {
        var id: Int64
        var user_id: String?
        var ticket_id: String?
        var kind: String
        var text: String
        var created_at: String
        var nonce: String
    }

    static func requireService(_ token: APIToken) throws(APIError) {
        guard token.role == .service else { throw .forbidden("notifications are pulled by the bot, with a service token") }
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let token = try context.requireToken()
        try Self.requireService(token)
        let limit = try Query(request).limit(default: 50)
        let (owner, now) = ("bot:\(token.name)", now())
        let entries = try await store.leaseUserNotifications(limit: limit, owner: owner, now: now, lease: 60)
        var out: [NotificationJSON] = []
        for entry in entries {
            let text = entry.notice.flatMap { NoticeText.forUser($0, inactivity: inactivity, escape: DiscordText.escape) }
                ?? entry.legacyText.map(DiscordText.escape)
            guard let text else {
                // Nothing a user should read: settle it so it never comes back.
                _ = try await store.acknowledgeUserNotification(entry.id, now: now)
                continue
            }
            out.append(
                NotificationJSON(
                    id: entry.id, user_id: entry.notice?.ticket?.userID.description, ticket_id: entry.ticketID?.rawValue,
                    kind: entry.notice?.kind.rawValue ?? "message", text: text, created_at: Timestamp.string(entry.createdAt),
                    nonce: "tn\(entry.id)"))
        }
        return JSONResponse.make(["notifications": out])
    }

    @Sendable func ack(_ request: Request, context: APIRequestContext) async throws -> Response {
        try Self.requireService(try context.requireToken())
        let text = try context.parameters.require("id")
        guard let id = Int64(text) else { throw APIError(.notFound, code: "not_found", message: "no notification \(text)") }
        let now = now()
        let found = try await store.acknowledgeUserNotification(id, now: now)
        guard found else { throw APIError(.notFound, code: "not_found", message: "no notification \(id)") }
        return Response(status: .noContent)
    }
}
