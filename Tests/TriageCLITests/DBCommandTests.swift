import Foundation
import Testing

/// `triage db`: the SQLite file's schema, and a PostgreSQL address read and checked (the server-backed half is in
/// `TriagePostgresTests`).
@Suite struct DBCommandTests {
    let cli = CLITests()

    @Test func migrateAndCheckASQLiteFile() throws {
        let migrated = try cli.run(["--json", "db", "migrate"])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let json = try cli.json(migrated)
        #expect(json["from"] as? Int == json["to"] as? Int && (json["to"] as? Int ?? 0) >= 16)
        let checked = try cli.run(["db", "check"])
        #expect(checked.status == 0 && checked.stdout.contains("fit to serve"), "\(checked.stderr)")
    }

    @Test func aPostgresAddressIsReadNotTakenForAFileName() throws {
        // The demo and seed go to the server, and create no file named after the address
        let demo = try cli.run(["demo", "--print", "--db", "postgres://triage_app@/triage?host=/nonexistent&port=5432"])
        #expect(demo.status == 1)
        #expect(demo.stderr.contains("no server listening on the socket /nonexistent/.s.PGSQL.5432"), "\(demo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "postgres:"))
        let seed = try cli.run(["seed", "--tickets", "10"], db: "postgres://postgres@/triage?host=/nonexistent")
        #expect(
            seed.status == 1 && seed.stderr.contains("cannot reach PostgreSQL at postgres://postgres@/triage?host=/nonexistent"),
            "\(seed.stderr)")
        // A bad address names what is wrong, never its password
        let bad = try cli.run(["db", "check"], db: "postgres://triage_app:hunter2@db.example/triage?sslmode=sometimes")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("sslmode sometimes is not one of disable, prefer, require"))
        #expect(!bad.stderr.contains("hunter2"))
        // An unreachable server is an error naming it
        let down = try cli.run(["ticket", "list"], db: "postgres://triage_app@/triage?host=/nonexistent&port=5999")
        #expect(down.status == 1)
        #expect(
            down.stderr.contains("cannot reach PostgreSQL at postgres://triage_app@/triage?host=/nonexistent&port=5999"), "\(down.stderr)")
    }
}

/// The `ticket` commands on a PostgreSQL store, end to end through the binary: migrate as the superuser, then work as
/// `triage_app`, as an agent and as a user would. Skipped without a server (CI starts one).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TRIAGE_TEST_PGHOST"].map { !$0.isEmpty } ?? false))
struct PostgresCLITests {
    let cli = CLITests()

    func address(_ user: String, _ database: String) -> String {
        let env = ProcessInfo.processInfo.environment
        let host = env["TRIAGE_TEST_PGHOST"]!, port = env["TRIAGE_TEST_PGPORT"] ?? "5432"
        return host.hasPrefix("/")
            ? "postgres://\(user)@/\(database)?host=\(host)&port=\(port)" : "postgres://\(user)@\(host):\(port)/\(database)"
    }

    @Test func seedFillsAnEmptyStoreAsASuperuser() throws {
        let database = "triage_cli_\(UInt32.random(in: 0...UInt32.max))"
        let superuser = address(ProcessInfo.processInfo.environment["TRIAGE_TEST_PGUSER"] ?? "postgres", database)
        let app = address("triage_app", database)
        #expect(try cli.run(["db", "migrate"], db: superuser).status == 0)
        // The servers' login may not: the load turns the triggers off, which only a superuser may
        let refused = try cli.run(["seed", "--tickets", "40"], db: app)
        #expect(refused.status == 1 && refused.stderr.contains("`seed` on PostgreSQL bulk-loads as a superuser"), "\(refused.stderr)")
        let seeded = try cli.run(["--json", "seed", "--tickets", "40", "--weeks", "2"], db: superuser)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(try cli.json(seeded)["tickets"] as? Int == 40)
        // The agents' login reads the seeded desk: the queue and this week's stats
        let closed = try cli.run(["--json", "ticket", "list", "closed", "--limit", "500"], db: app)
        let queue = try cli.run(["--json", "ticket", "list", "--limit", "500"], db: app)
        let count = { (r: CLITests.Result) in ((try? cli.json(r))?["tickets"] as? [Any])?.count ?? -1 }
        #expect(count(closed) + count(queue) == 40, "\(closed.stderr) \(queue.stderr)")
        #expect(try cli.run(["ticket", "stats"], db: app).stdout.contains("opened"))
        // The demo runs on it (the queue's head and the week, here)
        let demo = try cli.run(["demo", "--print", "--db", app])
        #expect(demo.status == 0 && demo.stdout.contains("SLA") && demo.stdout.contains("opened"), "\(demo.stderr)")
        // A desk with tickets is not seeded again
        let again = try cli.run(["seed", "--tickets", "40"], db: superuser)
        #expect(again.status == 1 && again.stderr.contains("fills an empty store, and \(database) has 40 tickets"), "\(again.stderr)")
    }

    @Test func ticketsOnPostgreSQLFromTheCommandLine() throws {
        let database = "triage_cli_\(UInt32.random(in: 0...UInt32.max))"
        let superuser = address(ProcessInfo.processInfo.environment["TRIAGE_TEST_PGUSER"] ?? "postgres", database)
        let app = address("triage_app", database)
        let migrated = try cli.run(["db", "migrate"], db: superuser)
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdout.contains("schema v1 created"))
        // The superuser may not serve tickets; triage_app may
        let refused = try cli.run(["ticket", "list"], db: superuser)
        #expect(refused.status == 1 && refused.stderr.contains("superuser"), "\(refused.stderr)")
        // A user opens a ticket; the agent sees it, answers, closes
        let created = try cli.run(
            ["--json", "--as-user", "111", "ticket", "create", "Paiement refusé", "billing", "high", "Ma carte est refusée"], db: app)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(try cli.json(created)["ticket_id"] as? String)
        _ = try cli.run(["--as-user", "222", "ticket", "create", "Autre", "general", "low", "Rien"], db: app)
        let queue = try cli.run(["--json", "ticket", "list"], db: app)
        #expect((try cli.json(queue)["tickets"] as? [Any])?.count == 2, "\(queue.stderr)")
        #expect(try cli.run(["ticket", "reply", id, "Nous regardons.", "--internal"], db: app).status == 0)
        #expect(try cli.run(["ticket", "reply", id, "Pouvez-vous réessayer ?"], db: app).status == 0)
        #expect(try cli.run(["ticket", "tag", id, "vip"], db: app).status == 0)
        // The console's frame, rendered from the database: the queue, both tickets, the header's counts
        let frame = try cli.run(["snapshot", "--db", app, "--size", "110x12"])
        #expect(frame.status == 0, "\(frame.stderr)")
        #expect(
            frame.stdout.contains("1 open · 1 wait") && frame.stdout.contains("Paiement refusé") && frame.stdout.contains("Autre"),
            "\(frame.stdout)")
        // The user sees only their own ticket, no internal note, no tag
        let mine = try cli.run(["--json", "--as-user", "111", "ticket", "list"], db: app)
        #expect((try cli.json(mine)["tickets"] as? [Any])?.count == 1)
        let view = try cli.run(["--as-user", "111", "ticket", "view", id], db: app)
        #expect(
            view.status == 0 && view.stdout.contains("Pouvez-vous réessayer ?") && !view.stdout.contains("Nous regardons."),
            "\(view.stdout)")
        let other = try cli.run(["--as-user", "222", "ticket", "view", id], db: app)
        #expect(other.status == 1 && other.stderr.contains("no ticket"), "\(other.stderr)")
        let closed = try cli.run(["--json", "--as-user", "111", "ticket", "close", id, "Réglé"], db: app)
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect((try cli.json(closed)["tags"] as? [String] ?? []).isEmpty)
        #expect(try cli.run(["--as-user", "111", "ticket", "rate", id, "5", "Merci"], db: app).status == 0)
        let done = try cli.run(["--json", "ticket", "view", id], db: app)
        #expect(try cli.json(done)["status"] as? String == "closed")
    }
}
