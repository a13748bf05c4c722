import Foundation
import Logging
import PostgresNIO
import TriageCore

/// What `triage db migrate` did on PostgreSQL.
public struct PostgresMigration: Sendable, Equatable {
    public var database: String
    /// Whether the database itself was created.
    public var createdDatabase: Bool
    /// The schema version before and after.
    public var from: Int
    public var to: Int
}

/// Who a connection logs in as, and whether row-level security binds it (`triage db check`, and every process
/// before it serves).
public struct PostgresLogin: Sendable, Equatable {
    public var user: String
    public var superuser: Bool
    public var bypassesRLS: Bool
    /// Whether it owns the schema or may become its owner (policies would still bind it, FORCE, but it could change them).
    public var mayOwnSchema: Bool
    public var serverVersion: String
    /// The schema version, nil when there is no schema (or the login may not read it).
    public var schemaVersion: Int?

    /// Why a triage process must not serve on this login, or nil when it may: RLS must apply to everything it does,
    /// and the schema must be the one this build knows.
    public var refusal: String? {
        if superuser || bypassesRLS {
            return "\(user) is a \(superuser ? "superuser" : "BYPASSRLS role"): row-level security would not apply; "
                + "connect as \(PostgresSchema.loginRole) (postgres://\(PostgresSchema.loginRole)@HOST/DATABASE). "
                + "Only `triage db migrate` and `triage seed` run as a superuser."
        }
        if mayOwnSchema {
            return "\(user) may act as the schema's owner (\(PostgresSchema.ownerRole)): connect as \(PostgresSchema.loginRole)"
        }
        guard let schemaVersion else {
            return
                "no triage schema here (or \(user) may not read it): run `triage --db postgres://SUPERUSER@HOST/DATABASE db migrate` first"
        }
        if schemaVersion > PostgresSchema.latest {
            return "the store's schema is v\(schemaVersion), newer than this triage knows (v\(PostgresSchema.latest)): upgrade triage"
        }
        if schemaVersion < PostgresSchema.latest {
            return
                "the store's schema is v\(schemaVersion), older than this triage (v\(PostgresSchema.latest)): run `triage db migrate` as a superuser"
        }
        return nil
    }
}

/// The PostgreSQL store's administration: roles and schema (as a superuser), and the check every login passes.
public enum PostgresAdmin {
    /// Creates the roles (cluster-wide), the database if it is missing, and the schema, or upgrades it; refuses a
    /// schema newer than this build. Runs as a superuser (it creates roles); several at once are serialised.
    public static func migrate(_ location: PostgresLocation, logger: Logger = Logger(label: "triage.postgres")) async throws(TicketError)
        -> PostgresMigration
    {
        guard Self.isIdentifier(location.database) else {
            throw .invalidField(
                field: "db", message: "database name \(location.database) must be letters, digits and _ (not starting with a digit)")
        }
        let created = try await prepareCluster(location, logger: logger)
        return try await withConnection(location, logger: logger) { connection in
            try await requireSuperuser(connection, location: location, logger: logger)
            return try await transaction(connection, logger: logger) {
                // One migrator at a time on this database (a second waits, then finds nothing to do).
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))", logger: logger)
                let from = try await schemaVersion(connection, logger: logger) ?? 0
                guard from <= PostgresSchema.latest else {
                    throw TicketError.storage(
                        "the store's schema is v\(from), newer than this triage knows (v\(PostgresSchema.latest)): upgrade triage")
                }
                // Each file records its own version as its last statement (so psql applies it the same way).
                for migration in PostgresSchema.migrations where migration.version > from {
                    try await run(migration.sql, on: connection, logger: logger)
                    guard try await schemaVersion(connection, logger: logger) == migration.version else {
                        throw TicketError.storage("migration \(migration.name) did not record itself in triage.schema_migrations")
                    }
                }
                return PostgresMigration(database: location.database, createdDatabase: created, from: from, to: PostgresSchema.latest)
            }
        }
    }

    /// On the cluster's maintenance database, one migrator at a time (roles are cluster-wide: two creating the same
    /// role at once would collide): creates or corrects the roles, creates `location`'s database when it is missing
    /// (whether it did), and lets only the login and the owner connect to it.
    static func prepareCluster(_ location: PostgresLocation, logger: Logger) async throws(TicketError) -> Bool {
        try await withConnection(location.database("postgres"), logger: logger) { connection in
            try await requireSuperuser(connection, location: location, logger: logger)
            try await connection.query("SELECT pg_advisory_lock(\(PostgresSchema.clusterLock))", logger: logger)
            try await transaction(connection, logger: logger) { try await run(PostgresSchema.roles, on: connection, logger: logger) }
            var created = true
            let rows = try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = \(location.database))", logger: logger)
            for try await exists in rows.decode(Bool.self) where exists { created = false }
            if created {
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(location.database)\" ENCODING 'UTF8'"), logger: logger)
            }
            try await connection.query(
                PostgresQuery(unsafeSQL: "REVOKE ALL ON DATABASE \"\(location.database)\" FROM PUBLIC"), logger: logger)
            try await connection.query(
                PostgresQuery(
                    unsafeSQL:
                        "GRANT CONNECT, TEMPORARY ON DATABASE \"\(location.database)\" TO \(PostgresSchema.loginRole), \(PostgresSchema.ownerRole)"
                ), logger: logger)
            try await connection.query("SELECT pg_advisory_unlock(\(PostgresSchema.clusterLock))", logger: logger)
            return created
        }
    }

    /// Who `location` logs in as, and the schema version it reads.
    public static func login(_ location: PostgresLocation, logger: Logger = Logger(label: "triage.postgres")) async throws(TicketError)
        -> PostgresLogin
    {
        try await withConnection(location, logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT current_user::text, r.rolsuper, r.rolbypassrls,
                       COALESCE((SELECT pg_has_role(current_user, o.oid, 'MEMBER') FROM pg_roles o
                                 WHERE o.rolname = \(PostgresSchema.ownerRole)), false),
                       current_setting('server_version')
                FROM pg_roles r WHERE r.rolname = current_user
                """, logger: logger)
            var login: PostgresLogin?
            for try await (user, superuser, bypass, owner, server) in rows.decode((String, Bool, Bool, Bool, String).self) {
                login = PostgresLogin(
                    user: user, superuser: superuser, bypassesRLS: bypass, mayOwnSchema: owner, serverVersion: server, schemaVersion: nil)
            }
            guard var login else { throw TicketError.storage("PostgreSQL at \(location): cannot read the login role") }
            // Read as a principal, as every process reads: the login role itself holds no table privilege.
            login.schemaVersion = try? await transaction(connection, logger: logger) {
                try await connection.query("SELECT set_config('role', \(PostgresSchema.workerRole), true)", logger: logger)
                return try await schemaVersion(connection, logger: logger)
            }
            return login
        }
    }

    /// The schema version recorded in `triage.schema_migrations`, nil when there is no such table.
    static func schemaVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let exists = try await connection.query("SELECT to_regclass('triage.schema_migrations') IS NOT NULL", logger: logger)
        for try await present in exists.decode(Bool.self) where !present { return nil }
        let rows = try await connection.query("SELECT COALESCE(max(version), 0)::int8 FROM triage.schema_migrations", logger: logger)
        for try await version in rows.decode(Int.self) { return version }
        return nil
    }

    static func requireSuperuser(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger) async throws {
        let rows = try await connection.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", logger: logger)
        for try await superuser in rows.decode(Bool.self) where superuser { return }
        throw TicketError.forbidden(
            "`db migrate` on PostgreSQL runs as a superuser (it creates the roles \(PostgresSchema.ownerRole) and "
                + "\(PostgresSchema.loginRole)); \(location.user) is not one")
    }

    // MARK: Running SQL

    /// Runs a SQL file's statements in order on `connection`.
    public static func run(_ sql: String, on connection: PostgresConnection, logger: Logger) async throws {
        let statements: [String]
        do {
            statements = try SQLScript.statements(sql)
        } catch {
            throw TicketError.storage("a migration is not plain SQL: \(error)")
        }
        for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
    }

    /// `body` inside BEGIN … COMMIT, rolled back when it throws.
    static func transaction<T>(_ connection: PostgresConnection, logger: Logger, _ body: () async throws -> T) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let value = try await body()
            try await connection.query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// One connection for `body`, closed after; every failure as a `TicketError` naming the server.
    public static func withConnection<T>(_ location: PostgresLocation, logger: Logger, _ body: (PostgresConnection) async throws -> T)
        async throws(TicketError) -> T
    {
        let configuration = try location.configuration()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw PostgresFailure.mapped(error, at: location)
        }
        do {
            let value = try await body(connection)
            try? await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw PostgresFailure.mapped(error, at: location)
        }
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return false
        }
        return name.count <= 63
            && name.unicodeScalars.allSatisfy {
                $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
            }
    }
}
