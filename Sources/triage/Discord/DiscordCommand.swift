import ArgumentParser
import Foundation
import TriageCore
import TriageDiscord

/// `triage discord …`: Triage as a Discord application (SPEC §8): its slash command definitions, installing them,
/// the #support panel, and the on-call channel's application-owned webhook.
struct DiscordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discord",
        abstract: "The Discord application: slash commands, the #support panel, the on-call webhook.",
        discussion: """
            register, panel and webhook call Discord's API with [discord] bot_token (and application_id) from the \
            config file; commands prints the definitions without calling anything.
            """,
        subcommands: [Commands.self, Register.self, Panel.self, Webhook.self])
}

extension GlobalOptions {
    /// The `[discord]` settings a call to Discord needs: the bot token and the API base, and the application id when
    /// asked for. A missing one is an error naming its key.
    func discordSettings(needsApplication: Bool = false) throws(TicketError) -> (
        config: TriageConfig.Discord, botToken: String, applicationID: String
    ) {
        let discord = try loadConfig().discord
        guard let token = discord.botToken, !token.isEmpty else {
            throw .invalidField(
                field: "discord.bot_token",
                message:
                    "[discord] bot_token is not set in the config file (the developer portal's Bot page; \"env:VAR\" reads it from the environment)"
            )
        }
        let application = discord.applicationID ?? ""
        if needsApplication, application.isEmpty {
            throw .invalidField(
                field: "discord.application_id",
                message: "[discord] application_id is not set in the config file (the developer portal's General Information page)")
        }
        return (discord, token, application)
    }

    /// Runs a call to Discord: a missing setting or Discord's refusal is one line on stderr (JSON with --json) and
    /// exit 1.
    func discord(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as TicketError {
            fail(error)
        } catch let error as DiscordAPIError {
            if json { print(JSONOutput.encode(["error": ["code": "discord", "status": String(error.status), "message": error.message]])) }
            FileHandle.standardError.write(Data("triage: \(error.message)\n".utf8))
            Foundation.exit(1)
        }
    }
}
