import Foundation
import Logging
import PostgresNIO
import TriageCore

/// `triage seed` on PostgreSQL: rows made elsewhere (a seeded SQLite store: the same histories, stats history, SLA
/// facts and timers the SQLite seeder writes) loaded into an empty store in one transaction, as a superuser, as
/// `db migrate` runs: the load writes what the triggers would (the day counters, the closes, the header's counts)
/// itself, so it turns them off for its transaction (`session_replication_role = replica`), which only a superuser
/// may. Consoles open on the store reload everything (the change feed's `'*'`).
public enum PostgresBulkLoad {
    /// Checks that `location` is a superuser's, on a store at this build's schema with no ticket yet, and answers the
    /// SLA policy in force there (the histories are made under it).
    public static func prepare(_ location: PostgresLocation, logger: Logger = Logger(label: "triage.postgres")) async throws(TicketError)
        -> SLAPolicy
    {
        try await PostgresAdmin.withConnection(location, logger: logger) { connection in
            try await check(connection, location: location, logger: logger)
            let rows = try await connection.query(
                "SELECT toml FROM triage.policy_versions ORDER BY version DESC LIMIT 1", logger: logger)
            for try await toml in rows.decode(String.self) { return try SLAPolicy(toml: toml) }
            return .default
        }
    }

    /// Loads every batch `next` gives (nil: done) and then `shared`, in one transaction: all of it or nothing.
    /// Returns how many tickets were loaded.
    public static func load(
        _ location: PostgresLocation, logger: Logger = Logger(label: "triage.postgres"), next: () throws -> [BulkRows]?,
        shared: [BulkRows]
    ) async throws(TicketError) -> Int {
        try await PostgresAdmin.withConnection(location, logger: logger) { connection in
            let tickets = try await PostgresAdmin.transaction(connection, logger: logger) { () async throws -> Int in
                try await check(connection, location: location, logger: logger)
                try await connection.query("SET LOCAL session_replication_role = replica", logger: logger)
                var tickets = 0
                while let batch = try next() {
                    for rows in batch where rows.count > 0 {
                        try await insert(rows, on: connection, logger: logger)
                        if rows.table == "tickets" { tickets += rows.count }
                    }
                }
                for rows in shared where rows.count > 0 { try await insert(rows, on: connection, logger: logger) }
                try await finish(connection, logger: logger)
                return tickets
            }
            try await connection.query("ANALYZE", logger: logger)
            return tickets
        }
    }

    /// The tables a load may write, and how a row already there is met: the day counters add up (as the triggers'
    /// `add_day_counts` does), a requester's name already known stays.
    static let conflicts: [String: String] = [
        "requesters": "ON CONFLICT (user_id) DO NOTHING",
        "day_counts": "",
    ]
    static let tables: Set<String> = [
        "tickets", "messages", "events", "tags", "ratings", "closes", "responses", "sla_facts", "sla_timers", "day_counts", "requesters",
    ]

    static func insert(_ rows: BulkRows, on connection: PostgresConnection, logger: Logger) async throws {
        guard tables.contains(rows.table), rows.columns.allSatisfy(PostgresAdmin.isIdentifier) else {
            throw TicketError.storage("a bulk load names a table or column it may not write: \(rows.table) (\(rows.columns))")
        }
        let columns = rows.columns.joined(separator: ", ")
        let source = "json_populate_recordset(NULL::triage.\(rows.table), $1::json)"
        let sql: String
        if rows.table == "day_counts" {
            sql = "SELECT triage.add_day_counts(ARRAY(SELECT r FROM \(source) r))"
        } else {
            sql = "INSERT INTO triage.\(rows.table) (\(columns)) SELECT \(columns) FROM \(source) \(conflicts[rows.table] ?? "")"
        }
        var bindings = PostgresBindings()
        bindings.append(rows.json)
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
    }

    /// What the tickets' statement trigger keeps and the load did not fire: the header's counts, counted once, and the
    /// change feed told to reload everything.
    static func finish(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE triage.queue_counts q
            SET open = CASE WHEN q.stripe = 0 THEN c.open ELSE 0 END, waiting = CASE WHEN q.stripe = 0 THEN c.waiting ELSE 0 END,
                critical = CASE WHEN q.stripe = 0 THEN c.critical ELSE 0 END,
                unassigned = CASE WHEN q.stripe = 0 THEN c.unassigned ELSE 0 END
            FROM (SELECT count(*) FILTER (WHERE queue_rank = 0) AS open, count(*) FILTER (WHERE queue_rank = 1) AS waiting,
                         count(*) FILTER (WHERE queue_rank IS NOT NULL AND priority_rank = 0) AS critical,
                         count(*) FILTER (WHERE queue_rank IS NOT NULL AND assignee IS NULL) AS unassigned
                  FROM triage.tickets) c
            """, logger: logger)
        try await connection.query("UPDATE triage.ticket_version SET value = value + 1 WHERE stripe = 0", logger: logger)
        try await connection.query(
            """
            INSERT INTO triage.ticket_changes (ticket_id, seq)
            VALUES ('*', (SELECT sum(value) FROM triage.ticket_version))
            ON CONFLICT (ticket_id) DO UPDATE SET seq = excluded.seq, xact = excluded.xact
            """, logger: logger)
    }

    /// A superuser, the schema this build knows, and no ticket yet.
    static func check(_ connection: PostgresConnection, location: PostgresLocation, logger: Logger) async throws {
        let superuser = try await connection.query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", logger: logger)
        var isSuperuser = false
        for try await value in superuser.decode(Bool.self) { isSuperuser = value }
        guard isSuperuser else {
            throw TicketError.forbidden(
                "`seed` on PostgreSQL bulk-loads as a superuser, as `db migrate` does (postgres://SUPERUSER@HOST/\(location.database)); "
                    + "\(location.user) is not one")
        }
        let version = try await PostgresAdmin.schemaVersion(connection, logger: logger)
        guard version == PostgresSchema.latest else {
            throw TicketError.invalidField(
                field: "db",
                message: version.map {
                    "the store's schema is v\($0), this triage's v\(PostgresSchema.latest): run `triage db migrate` first"
                }
                    ?? "no triage schema in \(location.database): run `triage --db postgres://SUPERUSER@HOST/\(location.database) db migrate` first"
            )
        }
        let count = try await connection.query("SELECT count(*)::int8 FROM triage.tickets", logger: logger)
        for try await tickets in count.decode(Int.self) where tickets > 0 {
            throw TicketError.conflict(
                "`seed` on PostgreSQL fills an empty store, and \(location.database) has \(tickets) ticket\(tickets == 1 ? "" : "s") "
                    + "(seed a new database: `db migrate` creates it)")
        }
    }
}
