import ArgumentParser
import Foundation
import TriageDiscord

extension DiscordCommand {
    /// `triage discord panel --channel ID`: posts the #support panel (how to open a ticket, the SLA per priority,
    /// the "Créer un ticket" button) as the bot.
    struct Panel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post the #support panel message with its \"Créer un ticket\" button, as the bot.")
        @Option(help: "The channel id (#support).") var channel: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.discord {
                let settings = try global.discordSettings()
                let policy = try await global.policyInForce()
                let id = try await DiscordClient().createChannelMessage(
                    DiscordRenderer.panel(policy: policy), apiBase: settings.config.apiBase, botToken: settings.botToken, channelID: channel
                )
                global.emit(["message_id": id, "channel_id": channel]) { "posted the panel in channel \(channel) (message \(id))" }
            }
        }
    }
}
