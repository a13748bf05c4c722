import Foundation
import Testing

/// `triage command "!ticket_…"`: the text commands from the shell, through the same runner as `POST /api/commands`.
@Suite struct CommandCLITests {
    let db: String = FileManager.default.temporaryDirectory.appendingPathComponent("triage-cli-\(UUID().uuidString)/t.sqlite").path

    func run(_ arguments: [String]) throws -> CLITests.Result {
        try CLITests.execute(["command"] + arguments, env: ["TRIAGE_DB": db, "XDG_CONFIG_HOME": "/nonexistent"])
    }

    @Test func aMemberCreatesAndListsAndStaffSeeTheRequester() throws {
        // Given a member's !ticket_create / When it runs from the shell
        let created = try run([#"!ticket_create "Paiement refusé" facturation haute Ma carte"#, "--user-id", "42", "--user-name", "Alice"])
        // Then it prints the reply a bot would post
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("✅ Ticket créé !") && created.stdout.contains("📍 Place dans la file : 1"), "\(created.stdout)")
        let mine = try run(["!ticket_list", "--user-id", "42", "--locale", "en"])
        #expect(mine.stdout.hasPrefix("📋 Your tickets (1):"), "\(mine.stdout)")
        let staff = try run(["!ticket_list"])
        #expect(staff.stdout.contains("👤 Alice"), "\(staff.stdout)")
        #expect(try run(["!ticket_list", "--user-id", "43"]).stdout.hasPrefix("📭"))
    }

    @Test func aRefusedCommandPrintsItsAnswerAndExitsOne() throws {
        let result = try run(["!ticket_list rouvert", "--locale", "en"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("❌ Unknown status \"rouvert\". Allowed values: open, waiting, closed"), "\(result.stdout)")
    }
}
