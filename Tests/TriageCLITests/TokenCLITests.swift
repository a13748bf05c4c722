import Foundation
import Testing

/// `triage token`: names validated and unique, `revoke ID` or `revoke --name NAME`, ISO-8601 dates in `--json`
/// (issue #10), through the real binary.
@Suite struct TokenCLITests {
    let cli = CLITests()

    /// Whether `value` is an ISO-8601 UTC date with whole seconds, `2026-11-18T10:30:00Z`.
    static func isISODate(_ value: Any?) -> Bool {
        (value as? String)?.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/#) != nil
    }

    func create(_ name: String, role: String = "agent") throws -> CLITests.Result {
        try cli.run(["token", "create", "--role", role, "--name", name, "--json"])
    }

    func tokens() throws -> [[String: Any]] {
        let list = try cli.run(["token", "list", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        return try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func createAndListPrintISODates() throws {
        let created = try create("discord-bot", role: "service")
        #expect(created.status == 0, "\(created.stderr)")
        let answer = try cli.json(created)
        #expect((answer["token"] as? String)?.hasPrefix("trg_") == true)
        #expect(Self.isISODate(answer["created_at"]), "\(created.stdout)")
        #expect(answer["last_used_at"] is NSNull)
        let listed = try #require(try tokens().first)
        #expect(Self.isISODate(listed["created_at"]), "\(listed)")
        #expect(listed["revoked_at"] is NSNull)
        #expect(listed["token"] == nil, "the secret is never listed")
        // A revoked token's revoked_at is a date too
        #expect(try cli.run(["token", "revoke", "--name", "discord-bot"]).status == 0)
        #expect(Self.isISODate(try tokens().first?["revoked_at"]))
    }

    @Test func badNamesAreUsageErrorsAndTakenNamesAreRefused() throws {
        for name in ["a b", "bob\u{1B}", "1234", "none", ""] {
            let refused = try create(name)
            #expect(refused.status == 64, "\(name.debugDescription): \(refused.stderr)")
            #expect(refused.stderr.contains("name '"), "\(refused.stderr)")
        }
        #expect(try cli.run(["token", "create", "--role", "agent", "--name", "a b"]).stderr.contains("letters, digits, '.', '-' or '_'"))
        #expect(try create("alice").status == 0)
        let taken = try cli.run(["token", "create", "--role", "admin", "--name", "Alice"])
        #expect(taken.status == 1)
        #expect(taken.stderr.contains("name 'Alice' is already used as 'alice' by live token 1"), "\(taken.stderr)")
        let takenJSON = try cli.json(try create("alice"))
        #expect((takenJSON["error"] as? [String: Any])?["code"] as? String == "invalid_field")
        #expect(try tokens().count == 1)
        // Once revoked, the name may be given again (a new credential for the same agent)
        #expect(try cli.run(["token", "revoke", "1"]).status == 0)
        #expect(try create("alice").status == 0)
        #expect(try tokens().map { $0["name"] as? String } == ["alice", "alice"])
    }

    @Test func revokeTakesAnIdOrANameNeverBothNorNeither() throws {
        #expect(try create("alice").status == 0)
        #expect(try create("bob").status == 0)
        let neither = try cli.run(["token", "revoke"])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("--name"))
        let both = try cli.run(["token", "revoke", "1", "--name", "bob"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("not both"))
        let aName = try cli.run(["token", "revoke", "bob"])
        #expect(aName.status == 64)
        #expect(aName.stderr.contains("triage token revoke --name bob"), "\(aName.stderr)")
        #expect(try tokens().allSatisfy { $0["revoked_at"] is NSNull }, "a usage error revokes nothing")
        // By id, then by name
        let byID = try cli.run(["token", "revoke", "1"])
        #expect(byID.status == 0)
        #expect(byID.stdout == "Revoked token 1 'alice' (agent).\n")
        let byName = try cli.run(["token", "revoke", "--name", "bob", "--json"])
        #expect(byName.status == 0)
        let revoked = try #require(try cli.json(byName)["revoked"] as? [[String: Any]])
        #expect(revoked.map { $0["id"] as? Int } == [2])
        #expect(Self.isISODate(revoked.first?["revoked_at"]))
        // Nothing matched: said clearly, exit 1
        let again = try cli.run(["token", "revoke", "1"])
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("triage: token 1 ('alice') was already revoked at "), "\(again.stderr)")
        let missing = try cli.run(["token", "revoke", "9"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "triage: no token with id 9 (see `triage token list`)\n")
        let noName = try cli.run(["token", "revoke", "--name", "carol"])
        #expect(noName.status == 1)
        #expect(noName.stderr == "triage: no live token named 'carol'\n")
    }
}
