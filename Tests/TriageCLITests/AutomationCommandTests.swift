import Foundation
import Testing

/// `triage policy set`, `triage automate --once` and `triage outbox list|retry` through the real binary.
@Suite struct AutomationCommandTests {
    let cli = CLITests()

    func write(_ text: String, name: String) throws -> String {
        let dir = URL(fileURLWithPath: cli.db).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func thePolicyIsSetInTheStoreForEveryProcess() throws {
        let policy = try write("[priority_hours]\nhigh = 6\n", name: "policy.toml")
        let created = try cli.run(["ticket", "create", "Paiement refusé", "billing", "high", "Carte refusée", "--user", "42", "--json"])
        #expect(try cli.json(created)["sla_hours"] as? Double == 24)
        let set = try cli.run(["policy", "set", policy])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("1 open tickets recomputed"))
        // Another process, with no policy option, sees the stored one, and the open ticket was recomputed
        #expect(try cli.run(["policy", "show"]).stdout.contains("high = 6"))
        let list = try cli.json(try cli.run(["ticket", "list", "--json"]))
        #expect((list["tickets"] as? [[String: Any]])?.first?["sla_hours"] as? Double == 6)
        #expect(try cli.run(["policy", "set", policy]).stdout.contains("nothing changed"))
        #expect(try cli.run(["policy", "history"]).stdout.contains("alice"))
        // A bad file names the key and changes nothing
        let bad = try write("[priority_hours]\nurgent = 1\n", name: "bad.toml")
        let refused = try cli.run(["policy", "set", bad])
        #expect(refused.status == 1 && refused.stderr.contains("priority_hours.urgent"))
        #expect(try cli.run(["policy", "show"]).stdout.contains("high = 6"))
    }

    @Test func automateOnceDeliversToTheLogAndTheOutboxSaysWhatFailed() throws {
        let dir = URL(fileURLWithPath: cli.db).deletingLastPathComponent().path
        let config = try write(
            """
            [webhooks]
            admin_tickets = "http://127.0.0.1:9/api/webhooks/100000000000000001/token"
            [log]
            file = "\(dir)/notifications.jsonl"
            """, name: "config.toml")
        try cli.run(["ticket", "create", "Paiement refusé", "billing", "high", "Carte refusée", "--user", "42"])
        let once = try cli.run(["--config", config, "automate", "--once", "--wait", "20"])
        #expect(once.status == 0, "\(once.stderr)")
        #expect(once.stdout.contains("deliveries:"))
        // The log got its line; nothing listens on port 9, so #admin-tickets is retried later with a reason
        let log = try String(contentsOfFile: "\(dir)/notifications.jsonl", encoding: .utf8)
        #expect(log.contains("created:TKT") && log.contains("|log"))
        let pending = try cli.run(["outbox", "list", "--status", "pending"])
        #expect(pending.stdout.contains("admin-tickets"))
        #expect(!pending.stdout.contains("token"))
        // Targets with no webhook are cancelled with the reason; retrying one by id puts it back
        let cancelled = try cli.json(try cli.run(["outbox", "list", "--status", "cancelled", "--json"]))
        let rows = cancelled["rows"] as? [[String: Any]] ?? []
        #expect(rows.contains { ($0["last_error"] as? String)?.contains("no webhook configured for senior") == true })
        let id = try #require(rows.first?["id"] as? Int)
        #expect(try cli.run(["outbox", "retry", String(id)]).status == 0)
        #expect(try cli.run(["outbox", "retry"]).status == 64)
        #expect(try cli.run(["outbox", "list", "--status", "sent"]).stderr.contains("allowed: pending, sending, delivered, dead, cancelled"))
    }
}
