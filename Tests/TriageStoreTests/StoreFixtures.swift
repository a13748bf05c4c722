import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// A fresh in-memory store per test, and a fixed clock.
enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    static let owner = UserID(123_456_789_012_345_678)
    static let other = UserID(UInt64.max)
    static let agent = Principal.agent("alice")
    static let admin = Principal.admin("root")

    static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }

    static func store(policy: SLAPolicy = .default) throws -> TicketStore {
        try TicketStore(DatabaseQueue(), policy: policy)
    }

    @discardableResult
    static func ticket(
        _ store: TicketStore, for user: UserID = owner, _ category: Category = .billing, _ priority: Priority = .high,
        subject: String = "Paiement refusé 💳", at hours: Double = 0
    ) throws -> Ticket {
        try store.create(
            NewTicket(
                requester: user, subject: subject, category: category, priority: priority, description: "Ma carte est refusée depuis hier."),
            as: .user(user), now: at(hours))
    }

    static func temporaryPath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("triage-tests-\(UUID().uuidString)")
        return dir.appendingPathComponent("store.sqlite").path
    }
}

/// Whether an action succeeded, or which kind of error it gave.
enum Outcome: String, CustomStringConvertible {
    case ok, notFound, forbidden, conflict, invalid, other
    var description: String { rawValue }

    init(_ body: () throws -> Void) {
        do {
            try body()
            self = .ok
        } catch let error as TicketError {
            switch error {
            case .notFound: self = .notFound
            case .forbidden: self = .forbidden
            case .conflict: self = .conflict
            case .invalidField: self = .invalid
            default: self = .other
            }
        } catch {
            self = .other
        }
    }
}
