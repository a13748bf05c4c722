import ArgumentParser
import Foundation

/// The `triage` command: the ticket desk from the shell, and the way into the console and the demo.
@main
struct Triage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "A help desk for a Discord community: SLA-ordered queue, tickets, stats.",
        discussion: """
            The store is one SQLite file shared by every triage process: --db PATH, else $TRIAGE_DB, else
            $XDG_DATA_HOME/triage/triage.sqlite (~/.local/share/triage/triage.sqlite).
            """,
        subcommands: [TicketCommand.self, TokenCommand.self, PolicyCommand.self, Seed.self, Demo.self]
    )
}
