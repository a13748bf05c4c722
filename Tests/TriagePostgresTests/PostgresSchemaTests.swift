import Foundation
import PostgresNIO
import Testing
import TriageCore

@testable import TriagePostgres

/// `triage db migrate` and `db check` on a real server, and isolation enforced by the database itself: raw SQL as the
/// servers' login role, bypassing every Swift scope (SPEC §10). Skipped without a server (`PGTest.available`).
@Suite(.enabled(if: PGTest.available, "set TRIAGE_TEST_PGHOST and TRIAGE_TEST_PGPORT (CI does)"))
struct PostgresSchemaTests {
    @Test func migrateCreatesTheDatabaseRolesAndSchemaThenFindsNothingToDo() async throws {
        let location = PGTest.superuser("triage_t_migrate_" + String(UInt32.random(in: 0...UInt32.max)))
        defer { Task { await PGTest.drop(location) } }
        let first = try await PostgresAdmin.migrate(location, logger: PGTest.logger)
        #expect(first == PostgresMigration(database: location.database, createdDatabase: true, from: 0, to: PostgresSchema.latest))
        let again = try await PostgresAdmin.migrate(location, logger: PGTest.logger)
        #expect(again == PostgresMigration(database: location.database, createdDatabase: false, from: PostgresSchema.latest, to: PostgresSchema.latest))
        // The superuser may migrate but not serve; the login role may serve
        #expect(try await PostgresAdmin.login(location, logger: PGTest.logger).refusal?.contains("superuser") == true)
        let app = try await PostgresAdmin.login(location.user(PostgresSchema.loginRole), logger: PGTest.logger)
        #expect(app.refusal == nil)
        #expect(app.schemaVersion == PostgresSchema.latest && !app.superuser && !app.bypassesRLS && !app.mayOwnSchema)
        // And the login role may not migrate
        await #expect(throws: TicketError.self) { try await PostgresAdmin.migrate(location.user(PostgresSchema.loginRole), logger: PGTest.logger) }
    }

    @Test func aNewerSchemaIsRefusedByMigrateAndByEveryLogin() async throws {
        let location = try await PGTest.database()
        defer { Task { await PGTest.drop(location) } }
        try await PostgresAdmin.withConnection(location, logger: PGTest.logger) { connection in
            try await PGTest.execute(connection, "INSERT INTO triage.schema_migrations (version, name, applied_at) VALUES (99, 'v99', 0)")
        }
        do {
            _ = try await PostgresAdmin.migrate(location, logger: PGTest.logger)
            Issue.record("a newer schema was migrated")
        } catch {
            #expect(error.description.contains("v99, newer than this triage"))
        }
        let app = try await PostgresAdmin.login(location.user(PostgresSchema.loginRole), logger: PGTest.logger)
        #expect(app.refusal?.contains("newer") == true)
    }

    @Test func aBypassRLSLoginIsRefused() async throws {
        let location = try await PGTest.database()
        defer { Task { await PGTest.drop(location) } }
        let role = "triage_t_bypass_" + String(UInt32.random(in: 0...UInt32.max))
        try await PostgresAdmin.withConnection(location, logger: PGTest.logger) { connection in
            try await PGTest.execute(connection, "CREATE ROLE \(role) LOGIN BYPASSRLS")
            try await PGTest.execute(connection, "GRANT CONNECT ON DATABASE \(location.database) TO \(role)")
        }
        let login = try await PostgresAdmin.login(location.user(role), logger: PGTest.logger)
        #expect(login.refusal?.contains("BYPASSRLS") == true)
        try await PostgresAdmin.withConnection(location, logger: PGTest.logger) { connection in
            try await PGTest.execute(connection, "REVOKE CONNECT ON DATABASE \(location.database) FROM \(role)")
            try await PGTest.execute(connection, "DROP ROLE \(role)")
        }
    }

    /// The database, not the Swift scope, refuses a cross-user read: every statement here is raw SQL with no
    /// `user_id = …` condition of its own.
    @Test func theDatabaseRefusesWhatTheSwiftScopeWouldHaveFiltered() async throws {
        let location = try await PGTest.database()
        defer { Task { await PGTest.drop(location) } }
        try await PGTest.withApp(location) { c in
            // Each user opens a ticket as themselves
            for (user, id) in [("111", "TKTAAAAA1"), ("222", "TKTBBBBB2")] {
                try await PGTest.begin(c, role: PostgresSchema.requesterRole, kind: "user", user: user, actor: user)
                try await PGTest.execute(
                    c,
                    """
                    INSERT INTO triage.tickets (id, user_id, subject, description, category, priority, priority_rank, status,
                      created_at, updated_at, awaiting_agent_since, sla_hours, sla_rule, cycle_start, due_at, queue_rank, queue_key)
                    VALUES ('\(id)', '\(user)', 's', 'd', 'general', 'low', 3, 'open', 1, 1, 1, 72, 'both', 1, 259201, 0, 259201)
                    """)
                try await PGTest.execute(c, "COMMIT")
            }
            // User 111 sees only their own, even asking for everything or for the other's id
            try await PGTest.begin(c, role: PostgresSchema.requesterRole, kind: "user", user: "111", actor: "111")
            #expect(try await PGTest.column(c, "SELECT id FROM triage.tickets ORDER BY id") == ["TKTAAAAA1"])
            #expect(try await PGTest.column(c, "SELECT id FROM triage.tickets WHERE id = 'TKTBBBBB2'").isEmpty)
            // An internal note on their own ticket is refused by a policy
            let note = await PGTest.failure {
                try await PGTest.execute(
                    c,
                    """
                    INSERT INTO triage.messages (ticket_id, user_id, author_kind, author, body, internal, created_at)
                    VALUES ('TKTAAAAA1', '111', 'user', '111', 'x', true, 2)
                    """)
            }
            #expect(note == "42501")
            try await PGTest.execute(c, "ROLLBACK")
            // Staff see both
            try await PGTest.begin(c, role: PostgresSchema.staffRole, kind: "agent", actor: "alice")
            #expect(try await PGTest.column(c, "SELECT id FROM triage.tickets ORDER BY id") == ["TKTAAAAA1", "TKTBBBBB2"])
            try await PGTest.execute(c, "COMMIT")
            // Without a principal: permission denied, not an empty or a full result
            let bare = await PGTest.failure { try await PGTest.column(c, "SELECT id FROM triage.tickets") }
            #expect(bare == "42501")
        }
    }

    /// The RLS suite in plain SQL (`Tests/SQL/run-rls.sh`: `rls_tests.sql` run by psql as the servers' login role,
    /// then two concurrent outbox claimers and the queue's index plans), on this server, in a database of its own.
    @Test func theRLSSuiteInPlainSQLPasses() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let server = PGTest.superuser()
        let database = "triage_t_rls_" + String(UInt32.random(in: 0...UInt32.max))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("Tests/SQL/run-rls.sh").path]
        var environment = ProcessInfo.processInfo.environment
        switch server.endpoint {
        case .socket(let host, let port), .tcp(let host, let port): (environment["PGHOST"], environment["PGPORT"]) = (host, String(port))
        }
        environment["PGUSER"] = server.user
        environment["TRIAGE_PG_REUSE"] = "1"
        environment["TRIAGE_RLS_DB"] = database
        process.environment = environment
        let pipe = Pipe()
        (process.standardOutput, process.standardError) = (pipe, pipe)
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output.suffix(3000))")
        let passed = output.split(separator: "\n").filter { $0.hasPrefix("ok   ") }.count
        #expect(passed >= 100, "\(passed) assertions passed:\n\(output.suffix(2000))")
        #expect(output.contains("\(passed) RLS assertions passed"))
        #expect(!output.contains("FAIL"))
        Task { await PGTest.drop(PGTest.superuser(database)) }
    }
}
