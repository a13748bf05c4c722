import Foundation
import TriageCore

/// What each field of a request must be, in words: the second half of every 422 message about a value of the wrong
/// type (`rating must be a whole number from 1 to 5`).
enum FieldHints {
    static func hint(for field: String) -> String? { hints[field] }

    static let userID = "a Discord id: a number or a string of digits, up to 18446744073709551615"

    static let hints: [String: String] = [
        "user_id": userID,
        "user_name": "a string of \(range(Validation.userNameLength)) characters, without control characters",
        "category": "one of: \(TriageCore.Category.allowedList)",
        "priority": "one of: \(Priority.allowedList)",
        "status": "one of: \(TicketStatus.allowedList)",
        "subject": "a string of \(range(Validation.subjectLength)) characters",
        "description": "a string of \(range(Validation.descriptionLength)) characters",
        "message": "a string of \(range(Validation.messageLength)) characters",
        "resolution": "a string of up to \(Validation.resolutionLength.upperBound) characters",
        "comment": "a string of up to \(Validation.commentLength.upperBound) characters",
        "rating": "a whole number from \(Validation.ratingRange.lowerBound) to \(Validation.ratingRange.upperBound)",
        "internal_note": "true or false",
        "notify_user": "true or false",
        "limit": "a whole number from 1 to \(limitRange.upperBound)",
        "week": "an ISO week like 2026-W47",
        "text": "a !ticket_* command as the member typed it, e.g. !ticket_list",
        "locale": "fr or en",
    ]

    static let limitRange = 1...500

    static func range(_ r: ClosedRange<Int>) -> String { "\(r.lowerBound) to \(r.upperBound)" }

    /// The error for a required field that is absent or null.
    static func missing(_ field: String) -> APIError {
        .invalid(field, "\(field) is required: \(hint(for: field) ?? "a value")")
    }
}
