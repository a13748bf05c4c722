import Foundation
import Logging
import PostgresNIO
import Testing
import TriageCore

@testable import TriagePostgres

/// The throwaway PostgreSQL server the tests use when `.ci/run` (or a developer) started one:
/// `TRIAGE_TEST_PGHOST` (a socket folder or a host) and `TRIAGE_TEST_PGPORT`, reached as the superuser
/// `TRIAGE_TEST_PGUSER` (default postgres). Without them the PostgreSQL tests are skipped, not failed.
enum PGTest {
    static let environment = ProcessInfo.processInfo.environment
    static var available: Bool { environment["TRIAGE_TEST_PGHOST"].map { !$0.isEmpty } ?? false }
    static let logger = Logger(label: "triage.tests.postgres")

    /// A superuser's location on `database`.
    static func superuser(_ database: String = "postgres") -> PostgresLocation {
        let host = environment["TRIAGE_TEST_PGHOST"] ?? "/var/run/postgresql"
        let port = Int(environment["TRIAGE_TEST_PGPORT"] ?? "") ?? 5432
        let user = environment["TRIAGE_TEST_PGUSER"] ?? "postgres"
        let endpoint: PostgresLocation.Endpoint = host.hasPrefix("/") ? .socket(folder: host, port: port) : .tcp(host: host, port: port)
        return PostgresLocation(endpoint: endpoint, user: user, database: database)
    }

    /// A fresh, migrated database of its own for one test (dropped by `drop`).
    static func database() async throws -> PostgresLocation {
        let name = "triage_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let location = superuser(String(name))
        _ = try await PostgresAdmin.migrate(location, logger: logger)
        return location
    }

    static func drop(_ location: PostgresLocation) async {
        _ = try? await PostgresAdmin.withConnection(superuser(), logger: logger) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(location.database)\" WITH (FORCE)"), logger: logger)
        }
    }

    /// One connection as the servers' login role on `location`'s database.
    static func withApp<T>(_ location: PostgresLocation, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await PostgresAdmin.withConnection(location.user(PostgresSchema.loginRole), logger: logger, body)
    }

    /// Runs `sql` (one statement) and gives the first column of each row as text.
    @discardableResult
    static func column(_ connection: PostgresConnection, _ sql: String) async throws -> [String?] {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT q.c::text FROM (\(sql)) AS q(c)"), logger: logger)
        var values: [String?] = []
        for try await row in rows {
            values.append(try row.decode(String?.self))
        }
        return values
    }

    static func execute(_ connection: PostgresConnection, _ sql: String) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    /// Opens a transaction as a principal (as the store will): role and identity in transaction-local settings.
    static func begin(_ connection: PostgresConnection, role: String, kind: String, user: String? = nil, actor: String) async throws {
        try await execute(connection, "BEGIN")
        try await connection.query(
            """
            SELECT set_config('role', \(role), true), set_config('app.principal_role', \(kind), true),
                   set_config('app.user_id', \(user ?? ""), true), set_config('app.actor', \(actor), true)
            """, logger: logger)
    }

    /// The SQLSTATE `body` fails with (nil when it succeeds).
    static func failure(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch {
            return PostgresFailure.sqlState(error) ?? "\(error)"
        }
    }
}
