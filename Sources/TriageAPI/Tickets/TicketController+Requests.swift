import Foundation
import TriageCore

extension TicketController {
    /// `POST /api/tickets`: `{"user_id", "category", "subject", "description", "priority", "user_name"}`. Every field
    /// is optional at decoding so that a missing one is reported by name (422) rather than as malformed JSON;
    /// `priority` defaults to `medium`, `user_id` to the caller's own id for a user token; `user_name` (the
    /// requester's Discord display name) replaces the stored one. Encodable for `Idempotency.key`.
    struct CreateRequest: Codable {
        var userID: UserID?
        var category: String?
        var subject: String?
        var description: String?
        var priority: String?
        var userName: String?

        enum CodingKeys: String, CodingKey {
            case category, subject, description, priority
            case userID = "user_id"
            case userName = "user_name"
        }
    }

    /// `POST /api/tickets/{id}/reply`: `{"message", "internal_note": false}` (`user_id` for a service token).
    struct ReplyRequest: Codable {
        var userID: UserID?
        var message: String?
        var internalNote: Bool?

        enum CodingKeys: String, CodingKey {
            case message
            case userID = "user_id"
            case internalNote = "internal_note"
        }
    }

    /// `POST /api/tickets/{id}/close`: `{"resolution", "notify_user": true}`; an empty body closes with no resolution.
    struct CloseRequest: Decodable {
        var userID: UserID?
        var resolution: String?
        var notifyUser: Bool?

        enum CodingKeys: String, CodingKey {
            case resolution
            case userID = "user_id"
            case notifyUser = "notify_user"
        }
    }

    /// `POST /api/tickets/{id}/feedback`: `{"rating": 1-5, "comment"}`. The rating is read as any JSON number so
    /// that `4.5` is refused by name (422) rather than as malformed JSON.
    struct FeedbackRequest: Decodable {
        var userID: UserID?
        var rating: Double?
        var comment: String?

        enum CodingKeys: String, CodingKey {
            case rating, comment
            case userID = "user_id"
        }
    }

    /// The feedback answer: what was recorded.
    struct FeedbackResponse: Encodable {
        var ticketID: TicketID
        var rating: Int
        var comment: String?
        var ratedAt: String

        enum CodingKeys: String, CodingKey {
            case rating, comment
            case ticketID = "ticket_id"
            case ratedAt = "rated_at"
        }
    }
}
