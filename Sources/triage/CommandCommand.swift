import ArgumentParser
import Foundation
import TriageAPI
import TriageCore
import TriageStore

/// `triage command "!ticket_list" [--user-id ID] [--user-name NAME] [--locale fr|en]`: one `!ticket_*` text command
/// through the same grammar and runner as `POST /api/commands`, printing the reply a bot would post — to try the
/// grammar without a bot. It runs as the CLI's principal (`--as-user`, else the staff session), or as the member
/// `--user-id` names, with their scope.
struct CommandCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "command",
        abstract: "Run one !ticket_* text command and print the reply a bot would post.",
        discussion: """
            Commands: \(TextCommand.names.map { CommandGrammar.usage($0, .en) }.joined(separator: " · "))
            A refused command prints its ❌ reply and exits 1.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The command as a member types it, e.g. '!ticket_view TKTA1B2C3'.") var text: String
    @Option(help: "Run it as this Discord user, with their scope (default: --as-user, else the staff session).")
    var userID: String?
    @Option(help: "The member's Discord display name, recorded on creates.") var userName: String?
    @Option(help: "The reply's language: fr or en.") var locale = "fr"

    func validate() throws {
        if let userID, UserID(userID) == nil {
            throw ValidationError("--user-id '\(userID)' is not a Discord id (digits, up to 18446744073709551615)")
        }
        guard ["fr", "en"].contains(locale.lowercased()) else { throw ValidationError("--locale must be fr or en") }
    }

    func run() async throws {
        let config: TriageConfig
        do {
            config = try global.loadConfig(requireEnvironment: false)
        } catch {
            global.fail(error)
        }
        var failed = false
        try await global.runTickets(requiringActor: userID == nil) { store in
            let principal = userID.flatMap(UserID.init).map(Principal.user) ?? global.principal
            let runner = CommandRunner(tickets: store, config: config, now: { Date() })
            let reply = await runner.run(text: text, as: principal, requesterName: userName, language: Language(locale: locale))
            global.emit(["reply": reply.text, "ticket_id": reply.ticket?.rawValue ?? ""]) { reply.text }
            failed = reply.failed
        }
        if failed { throw ExitCode(1) }
    }
}
