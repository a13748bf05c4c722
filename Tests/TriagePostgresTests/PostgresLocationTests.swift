import Testing
import TriageCore

@testable import TriagePostgres

/// `--db postgres://…` as libpq reads it, and a bad address named with what is wrong (never its password).
@Suite struct PostgresLocationTests {
    @Test func tcpSocketAndEnvironment() throws {
        let tcp = try PostgresLocation("postgres://triage_app:s3cret@db.example:6543/triage?sslmode=require", environment: [:])
        #expect(tcp == PostgresLocation(endpoint: .tcp(host: "db.example", port: 6543), user: "triage_app", password: "s3cret", database: "triage", tls: .require))
        #expect(!tcp.description.contains("s3cret"))
        let socket = try PostgresLocation("postgresql://postgres@/triage?host=/tmp/pg&port=5433", environment: [:])
        #expect(socket.endpoint == .socket(folder: "/tmp/pg", port: 5433))
        let fromEnvironment = try PostgresLocation("postgres:///desk", environment: ["PGUSER": "me", "PGHOST": "/run/pg", "PGPORT": "7000", "PGPASSWORD": "pw"])
        #expect(fromEnvironment == PostgresLocation(endpoint: .socket(folder: "/run/pg", port: 7000), user: "me", password: "pw", database: "desk"))
        let defaults = try PostgresLocation("postgres://triage_app@/triage", environment: [:])
        #expect(defaults.endpoint == .socket(folder: "/var/run/postgresql", port: 5432))
        #expect(PostgresLocation.isPostgres("postgres://x@y/z") && !PostgresLocation.isPostgres("/tmp/postgres.sqlite"))
    }

    @Test("a bad address names the field and what is wrong, without the password", arguments: [
        ("postgres://h/triage", "no user"),
        ("postgres://u:pw@h", "no database"),
        ("postgres://u:pw@h:99999/triage", "not a port"),
        ("postgres://u:pw@h/triage?sslmode=maybe", "sslmode maybe"),
        ("postgres://u:pw@h/triage?application=x", "unknown parameter application"),
    ])
    func badAddresses(text: String, words: String) {
        do {
            _ = try PostgresLocation(text, environment: [:])
            Issue.record("\(text) was accepted")
        } catch {
            guard case .invalidField(let field, let message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(field == "db")
            #expect(message.contains(words), "\(message)")
            #expect(!message.contains("pw"), "\(message)")
        }
    }
}
