import ArgumentParser
import Foundation
import TriageDiscord

extension DiscordCommand {
    /// `triage discord commands [--json]`: the application command definitions, as a summary or as the exact JSON
    /// body `register` sends.
    struct Commands: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the slash command definitions (--json: the exact body of the bulk overwrite).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            if global.json {
                print(String(decoding: try SlashCommands.jsonData(), as: UTF8.self))
            } else {
                print(SlashCommands.summary())
            }
        }
    }
}
