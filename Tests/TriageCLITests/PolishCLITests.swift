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
}
