import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// The fixed clock, the people and the tickets every conformance test uses.
enum C {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15
    static let owner = UserID(123_456_789_012_345_678)
    static let other = UserID(UInt64.max)
    static let agent = Principal.agent("alice")
    static let admin = Principal.admin("root")
    static let user = Principal.user(owner)
    static let service = Principal.service(onBehalfOf: owner)
    static let stranger = Principal.user(other)

    static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }

    /// Opens a ticket for `user` (as that user) at `hours`.
    @discardableResult
    static func open(
        _ store: any TicketStoring, for user: UserID = owner, _ category: TriageCore.Category = .billing, _ priority: Priority = .high,
        subject: String = "Paiement refusé 💳", at hours: Double = 0
    ) async throws -> Ticket {
        try await store.create(
            NewTicket(
                requester: user, subject: subject, category: category, priority: priority, description: "Ma carte est refusée depuis hier."),
            as: .user(user), now: at(hours))
    }

    /// The error `body` throws (nil when it succeeds); anything but a `TicketError` is an issue of its own.
    static func error(_ body: () async throws -> Void) async -> TicketError? {
        do {
            try await body()
            return nil
        } catch let error as TicketError {
            return error
        } catch {
            Issue.record("not a TicketError: \(error)")
            return .storage("\(error)")
        }
    }
}
