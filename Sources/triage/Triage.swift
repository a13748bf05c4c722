import ArgumentParser
import Foundation

/// The `triage` command: the ticket desk from the shell, and the way into the console and the demo.
@main
struct Triage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "A help desk for a Discord community: SLA-ordered queue, tickets, stats.",
        discussion: """
            The store is one SQLite file shared by every triage process, or a PostgreSQL database shared by every process
            on every machine (--db postgres://triage_app@HOST/DB): --db PATH, else $TRIAGE_DB, else
            $XDG_DATA_HOME/triage/triage.sqlite (~/.local/share/triage/triage.sqlite).
            """,
        subcommands: [
            OpenConsole.self, TicketCommand.self, TokenCommand.self, PolicyCommand.self, Seed.self, Demo.self, Snapshot.self,
            Serve.self, ConfigCommand.self, Automate.self, OutboxCommand.self, CommandCommand.self, DiscordCommand.self,
            DBCommand.self,
        ],
        defaultSubcommand: OpenConsole.self
    )

    /// Global options may come before the subcommand (`triage --db x.sqlite ticket list`): they are moved after it,
    /// where every subcommand's `GlobalOptions` reads them.
    static func main() async {
        await main(hoistingGlobalOptions(Array(CommandLine.arguments.dropFirst())))
    }

    static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
        let valued: Set<String> = ["--db", "--as", "--as-user", "--policy", "--config"]
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let name = String(word.split(separator: "=", maxSplits: 1).first ?? "")
            if valued.contains(word), index + 1 < arguments.count {
                leading += [word, arguments[index + 1]]
                index += 2
            } else if word == "--json" || (valued.contains(name) && word.contains("=")) {
                leading.append(word)
                index += 1
            } else {
                break
            }
        }
        let rest = Array(arguments[index...])
        guard !leading.isEmpty, !rest.isEmpty else { return arguments }
        if let separator = rest.firstIndex(of: "--") {
            return Array(rest[..<separator]) + leading + Array(rest[separator...])
        }
        return rest + leading
    }
}
