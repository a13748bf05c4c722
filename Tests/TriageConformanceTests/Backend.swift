import Foundation
import GRDB
import Logging
import Testing
import TriageCore
import TriageStore

@testable import TriagePostgres

/// The stores held to `TicketStoring`: SQLite always, PostgreSQL when `TRIAGE_TEST_PGHOST` names a server (a socket
/// folder or a host; `TRIAGE_TEST_PGPORT`, and the superuser `TRIAGE_TEST_PGUSER`, default postgres).
enum Backend: String, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    var description: String { rawValue }

    static var enabled: [Backend] {
        let host = ProcessInfo.processInfo.environment["TRIAGE_TEST_PGHOST"] ?? ""
        return host.isEmpty ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A fresh, empty store of this backend under the default policy, and how to let go of it.
    struct Store {
        let tickets: any TicketStoring
        let close: @Sendable () async -> Void
    }

    func make() async throws -> Store {
        switch self {
        case .sqlite:
            let store = SQLiteTicketStore(try TicketStore(DatabaseQueue()))
            return Store(tickets: store, close: {})
        case .postgres:
            let location = try await PGServer.database()
            let store: PostgresTicketStore
            do {
                store = try await PostgresTicketStore.connect(location.user(PostgresSchema.loginRole), baseURL: TicketURL.defaultBase)
            } catch {
                await PGServer.drop(location)
                throw error
            }
            return Store(
                tickets: store,
                close: {
                    await store.shutdown()
                    await PGServer.drop(location)
                })
        }
    }
}

/// The throwaway server named by the environment: a fresh migrated database per store, dropped after.
enum PGServer {
    static let environment = ProcessInfo.processInfo.environment
    static let logger = Logger(label: "triage.tests.conformance")

    /// A superuser's location on `database`.
    static func superuser(_ database: String = "postgres") -> PostgresLocation {
        let host = environment["TRIAGE_TEST_PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "/var/run/postgresql"
        let port = Int(environment["TRIAGE_TEST_PGPORT"] ?? "") ?? 5432
        let user = environment["TRIAGE_TEST_PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let endpoint: PostgresLocation.Endpoint = host.hasPrefix("/") ? .socket(folder: host, port: port) : .tcp(host: host, port: port)
        return PostgresLocation(endpoint: endpoint, user: user, database: database)
    }

    static func database() async throws -> PostgresLocation {
        let hex = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let location = superuser("triage_c_\(hex)")
        _ = try await PostgresAdmin.migrate(location, logger: logger)
        return location
    }

    static func drop(_ location: PostgresLocation) async {
        _ = try? await PostgresAdmin.withConnection(superuser(), logger: logger) { connection in
            try await PostgresAdmin.run("DROP DATABASE IF EXISTS \"\(location.database)\" WITH (FORCE)", on: connection, logger: logger)
        }
    }
}

/// Runs `body` on a fresh store of `backend`, closing it after, whether `body` succeeds or not.
func with(_ backend: Backend, _ body: (any TicketStoring) async throws -> Void) async throws {
    let store = try await backend.make()
    do {
        try await body(store.tickets)
    } catch {
        await store.close()
        throw error
    }
    await store.close()
}

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
