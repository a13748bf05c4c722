import ArgumentParser

/// `triage ticket …`: the Discord bot's commands (SPEC §8), mirrored, and the agent's other actions.
struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket",
        abstract: "Create, list, view, answer and close tickets; weekly stats.",
        subcommands: [
            TicketCreate.self, TicketList.self, TicketView.self, TicketReply.self, TicketClose.self, TicketStats.self,
            TicketAssign.self, TicketSet.self, TicketTag.self, TicketReopen.self, TicketRate.self, TicketAck.self,
        ]
    )
}
