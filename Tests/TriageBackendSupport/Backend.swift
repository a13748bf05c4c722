import Foundation
import GRDB
import Logging
import TriageCore
import TriageStore

import TriagePostgres

/// The stores held to `TicketStoring`: SQLite always, PostgreSQL when `TRIAGE_TEST_PGHOST` names a server (a socket
/// folder or a host; `TRIAGE_TEST_PGPORT`, and the superuser `TRIAGE_TEST_PGUSER`, default postgres).
public enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres

    public var description: String { rawValue }

    public static var enabled: [Backend] {
        let host = ProcessInfo.processInfo.environment["TRIAGE_TEST_PGHOST"] ?? ""
        return host.isEmpty ? [.sqlite] : [.sqlite, .postgres]
    }

    /// A fresh, empty store of this backend under the default policy, and how to let go of it.
    public struct Store: Sendable {
        public let tickets: any TicketStoring
        /// The same store as the console uses it.
        public var console: any ConsoleStoring { tickets as! any ConsoleStoring }
        /// The SQLite store under `tickets` (nil on PostgreSQL): what the SQLite-only parts of a server are built on.
        public let sqlite: TicketStore?
        public let close: @Sendable () async -> Void
    }

    public func make() async throws -> Store {
        switch self {
        case .sqlite:
            let store = try TicketStore(DatabaseQueue())
            return Store(tickets: SQLiteTicketStore(store), sqlite: store, close: {})
        case .postgres:
            await PGServer.slots.acquire()
            let location: PostgresLocation
            do {
                location = try await PGServer.database()
            } catch {
                await PGServer.slots.release()
                throw error
            }
            let store: PostgresTicketStore
            do {
                // Few connections each: many tests run at once against one server.
                store = try await PostgresTicketStore.connect(
                    location.user(PostgresSchema.loginRole), baseURL: TicketURL.defaultBase, connections: 4)
            } catch {
                await PGServer.drop(location)
                await PGServer.slots.release()
                throw error
            }
            return Store(
                tickets: store, sqlite: nil,
                close: {
                    await store.shutdown()
                    await PGServer.drop(location)
                    await PGServer.slots.release()
                })
        }
    }
}

/// The throwaway server named by the environment: a fresh migrated database per store, dropped after.
public enum PGServer {
    /// At most this many test stores at once (each a database, a pool and the migrator's connections), so that
    /// suites running in parallel never exhaust the server's connections.
    static let slots = Slots(16)

    /// A counting semaphore for tasks.
    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []
        init(_ count: Int) { free = count }

        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
    }

    static let environment = ProcessInfo.processInfo.environment
    static let logger = Logger(label: "triage.tests.conformance")

    /// A superuser's location on `database`.
    public static func superuser(_ database: String = "postgres") -> PostgresLocation {
        let host = environment["TRIAGE_TEST_PGHOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "/var/run/postgresql"
        let port = Int(environment["TRIAGE_TEST_PGPORT"] ?? "") ?? 5432
        let user = environment["TRIAGE_TEST_PGUSER"].flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let endpoint: PostgresLocation.Endpoint = host.hasPrefix("/") ? .socket(folder: host, port: port) : .tcp(host: host, port: port)
        return PostgresLocation(endpoint: endpoint, user: user, database: database)
    }

    public static func database() async throws -> PostgresLocation {
        let hex = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let location = superuser("triage_c_\(hex)")
        _ = try await PostgresAdmin.migrate(location, logger: logger)
        return location
    }

    public static func drop(_ location: PostgresLocation) async {
        _ = try? await PostgresAdmin.withConnection(superuser(), logger: logger) { connection in
            try await PostgresAdmin.run("DROP DATABASE IF EXISTS \"\(location.database)\" WITH (FORCE)", on: connection, logger: logger)
        }
    }
}

/// Runs `body` on a fresh store of `backend`, closing it after, whether `body` succeeds or not.
public func with(_ backend: Backend, _ body: (any TicketStoring) async throws -> Void) async throws {
    let store = try await backend.make()
    do {
        try await body(store.tickets)
    } catch {
        await store.close()
        throw error
    }
    await store.close()
}

