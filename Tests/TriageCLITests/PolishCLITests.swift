import Foundation
import Testing

/// Issue 10's polish as the CLI shows it: a closed ticket's SLA and who closed it, `--assignee NONE`.
@Suite struct PolishCLITests {
    @Test func aClosedTicketShowsItsOutcomeAndWhoClosedItNotACountdown() throws {
        let cli = CLITests()
        let created = try cli.run([
            "ticket", "create", "Plus besoin", "general", "low", "Réglé tout seul", "--user", "123456789012345678", "--json",
        ])
        let id = try #require(try cli.json(created)["ticket_id"] as? String)
        // Unassigned, in any case
        #expect(try cli.run(["ticket", "list", "--assignee", "NONE"]).stdout.contains(id))
        // When the requester closes it
        let closed = try cli.run(["ticket", "close", id, "Réglé", "--as-user", "123456789012345678"])
        #expect(closed.status == 0, "\(closed.stderr)")
        // Then the staff view says met, how long before due it was closed, and by the requester; no countdown
        let view = try cli.run(["ticket", "view", id])
        let sla = view.stdout.split(separator: "\n").first { $0.hasPrefix("  SLA") }.map(String.init) ?? ""
        #expect(sla.hasPrefix("  SLA        MET  closed ") && sla.hasSuffix(" before due"), "\(view.stdout)")
        #expect(view.stdout.contains(" by …5678 (requester)"), "\(view.stdout)")
        // And the list of closed tickets shows the outcome
        let list = try cli.run(["ticket", "list", "closed"])
        #expect(list.stdout.contains("ok met"), "\(list.stdout)")
    }

    /// Found by a newcomer's pass: nobody to act as, a typo in a name, a rating out of range.
    @Test func theCLIAsksWhoActsRefusesAnUnknownAgentAndCallsABadRatingAUsageError() throws {
        let cli = CLITests()
        let created = try cli.run([
            "ticket", "create", "Paiement refusé", "billing", "high", "Carte refusée", "--user", "123456789012345678", "--json",
        ])
        let id = try #require(try cli.json(created)["ticket_id"] as? String)
        // Without --as, $TRIAGE_AGENT or $USER: asked, not written as a made-up agent
        let nobody = try cli.run(["ticket", "reply", id, "Qui suis-je ?"], env: ["TRIAGE_AGENT": "", "USER": ""])
        #expect(nobody.status == 1 && nobody.stderr.contains("who is acting? give --as NAME"), "\(nobody.stderr)")
        let badName = try cli.run(["ticket", "reply", id, "Bonjour"], env: ["TRIAGE_AGENT": "Jean Dupont"])
        #expect(badName.status == 1 && badName.stderr.contains("$TRIAGE_AGENT 'Jean Dupont' must be 1 to 64 letters"), "\(badName.stderr)")
        // alice has worked here; zorglub has not: refused unless --new-agent; a known name takes the roster's spelling
        #expect(try cli.run(["ticket", "assign", id, "me"]).status == 0)
        let typo = try cli.run(["ticket", "assign", id, "zorglub"])
        #expect(
            typo.status == 1 && typo.stderr.contains("no agent called zorglub has worked here (known: alice); --new-agent"),
            "\(typo.stderr)")
        #expect(try cli.run(["ticket", "assign", id, "zorglub", "--new-agent"]).stdout.contains("assigned to zorglub"))
        #expect(try cli.run(["ticket", "assign", id, "ALICE"]).stdout.contains("assigned to alice"))
        // A rating out of range is a usage error, like a bad category
        let rating = try cli.run(["ticket", "rate", id, "0", "--as-user", "123456789012345678"])
        #expect(rating.status == 64 && rating.stderr.contains("rating must be a whole number from 1 to 5 (got 0)"), "\(rating.stderr)")
    }
}
