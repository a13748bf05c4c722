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
        // Every command but db's says it runs on SQLite only so far, and creates no file named after the address
        let list = try cli.run(["ticket", "list"], db: "postgres://triage_app@/triage?host=/nonexistent")
        #expect(list.status == 1)
        #expect(list.stderr.contains("on PostgreSQL, this triage runs `db migrate` and `db check` only so far"))
        #expect(!FileManager.default.fileExists(atPath: "postgres:"))
        // A bad address names what is wrong, never its password
        let bad = try cli.run(["db", "check"], db: "postgres://triage_app:hunter2@db.example/triage?sslmode=sometimes")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("sslmode sometimes is not one of disable, prefer, require"))
        #expect(!bad.stderr.contains("hunter2"))
        // An unreachable server is an error naming it
        let down = try cli.run(["db", "check"], db: "postgres://triage_app@/triage?host=/nonexistent&port=5999")
        #expect(down.status == 1)
        #expect(down.stderr.contains("cannot reach PostgreSQL at postgres://triage_app@/triage?host=/nonexistent&port=5999"), "\(down.stderr)")
    }
}
