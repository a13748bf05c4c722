import Foundation
import Testing

/// `triage ticket create --user-name`, and the requester's name in the CLI's tables (SPEC §2).
@Suite struct UserNameCLITests {
    let db: String = FileManager.default.temporaryDirectory.appendingPathComponent("triage-cli-\(UUID().uuidString)/t.sqlite").path

    @discardableResult
    func run(_ arguments: [String]) throws -> CLITests.Result {
        try CLITests.execute(arguments, env: ["TRIAGE_DB": db, "XDG_CONFIG_HOME": "/nonexistent", "COLUMNS": "160"])
    }

    @Test func theNameShowsInsteadOfTheSnowflake() throws {
        // Given a ticket of a named user and one of a user with no name known
        let named = try run([
            "ticket", "create", "Paiement refusé", "billing", "high", "Carte refusée", "--user", "123456789012345678", "--user-name",
            " Amélie 🌸 ", "--json",
        ])
        #expect(named.status == 0, "\(named.stderr)")
        let id = try #require((try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])?["ticket_id"] as? String)
        #expect(try run(["ticket", "create", "Bot hors ligne", "technical", "low", "Il ne répond plus", "--user", "987654321098765432"]).status == 0)
        // Then the list shows the name, and the other requester's id shortened, never a bare snowflake
        let list = try run(["ticket", "list"])
        #expect(list.stdout.contains("Amélie 🌸"), "\(list.stdout)")
        #expect(list.stdout.contains("…5432"), "\(list.stdout)")
        #expect(!list.stdout.contains("123456789012345678"), "\(list.stdout)")
        #expect(!list.stdout.contains("987654321098765432"), "\(list.stdout)")
        // And the detail gives the name with the full id to look the user up
        let view = try run(["ticket", "view", id])
        #expect(view.stdout.contains("requester  Amélie 🌸 · id 123456789012345678"), "\(view.stdout)")
        // And the JSON carries it as user_name
        #expect(try run(["ticket", "view", id, "--json"]).stdout.contains(#""user_name" : "Amélie 🌸""#))
    }

    @Test(arguments: ["", "Eve\u{1B}[31m", String(repeating: "x", count: 101)])
    func anInvalidNameIsAUsageError(_ name: String) throws {
        let result = try run(["ticket", "create", "S", "general", "low", "D", "--user", "1", "--user-name", name])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--user-name"), "\(result.stderr)")
    }
}
