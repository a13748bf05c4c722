import ArgumentParser
import Foundation
import TriageDiscord

extension DiscordCommand {
    /// `triage discord webhook --channel ID [--name NAME]`: creates an application-owned webhook, whose messages keep
    /// interactive buttons (a page's Acknowledge), and prints its URL for `[webhooks] oncall`.
    struct Webhook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an application-owned webhook in a channel (pages through it keep their Acknowledge button).",
            discussion: """
                Webhooks created in Discord's channel settings ignore buttons; one created by the application keeps them. \
                The bot needs Manage Webhooks in the channel. Put the printed URL (a secret) in [webhooks] oncall.
                """)
        @Option(help: "The channel id (the on-call channel).") var channel: String
        @Option(help: "The webhook's name, shown as the author of its posts.") var name = "Triage"
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            let length = name.trimmingCharacters(in: .whitespaces).count
            guard (1...80).contains(length) else { throw ValidationError("--name must be 1 to 80 characters") }
        }

        func run() async throws {
            try await global.discord {
                let settings = try global.discordSettings()
                let webhook = try await DiscordClient().createWebhook(
                    name: name, apiBase: settings.config.apiBase, botToken: settings.botToken, channelID: channel)
                global.emit(["id": webhook.id, "channel_id": webhook.channelID, "url": webhook.url]) {
                    """
                    Created the application-owned webhook \(webhook.id) in channel \(webhook.channelID).
                    Put this line in config.toml (the URL is a secret):
                    [webhooks]
                    oncall = "\(webhook.url)"
                    """
                }
            }
        }
    }
}
