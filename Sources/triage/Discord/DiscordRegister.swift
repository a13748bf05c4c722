import ArgumentParser
import Foundation
import TriageDiscord

extension DiscordCommand {
    /// `triage discord register [--guild ID | --global]`: installs the slash commands with Discord's bulk overwrite,
    /// only when they differ from what Discord has (200 command creates a day per guild).
    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install the slash commands in Discord, only when they changed.",
            discussion: """
                In the guild of --guild, else [discord] guild_id, else globally (--global forces it). Reads Discord's \
                commands first and sends the bulk overwrite only when they differ from `triage discord commands`.
                """)
        @Option(help: "The guild (server) id; default: [discord] guild_id.") var guild: String?
        @Flag(name: .customLong("global"), help: "Register global commands even when [discord] guild_id is set.") var everywhere = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if guild != nil, everywhere { throw ValidationError("--guild and --global cannot go together") }
        }

        func run() async throws {
            try await global.discord {
                let settings = try global.discordSettings(needsApplication: true)
                let guildID = everywhere ? nil : guild ?? settings.config.guildID
                let result = try await DiscordClient().registerCommands(
                    SlashCommands.all, apiBase: settings.config.apiBase, botToken: settings.botToken, applicationID: settings.applicationID,
                    guildID: guildID)
                let scope = guildID.map { "in guild \($0)" } ?? "globally"
                switch result {
                case .unchanged(let count):
                    global.emit(["result": "unchanged", "commands": String(count)]) {
                        "\(count) command\(count == 1 ? "" : "s") \(scope): unchanged, nothing sent"
                    }
                case .registered(let count):
                    global.emit(["result": "registered", "commands": String(count)]) {
                        "registered \(count) command\(count == 1 ? "" : "s") \(scope)"
                    }
                }
            }
        }
    }
}
