import ArgumentParser
import Foundation
import TriageCore

/// `triage config show` and `triage config check [FILE]`: the configuration in force (SPEC §8), secrets masked, and
/// a validator that names the bad key.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The configuration file: Discord, webhooks, links, automation schedule, inactivity, log.",
        discussion: """
            The file is --config PATH, else $TRIAGE_CONFIG, else $XDG_CONFIG_HOME/triage/config.toml
            (~/.config/triage/config.toml) if it exists; without one the defaults are in force. Any value may be
            written "env:VAR" to read it from the environment (secrets: the bot token, the webhook URLs).
            """,
        subcommands: [Show.self, Check.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the configuration in force as TOML, with the bot token and webhook tokens masked.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            do {
                let path = try global.configFile()
                let config = try global.loadConfig()
                print("# " + (path.map { "The configuration in force, from \($0) (secrets masked)" } ?? "No config file: the defaults"))
                print(config.tomlText(maskingSecrets: true), terminator: "")
            } catch {
                global.fail(error)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a config file (default: the one in force), its env: variables included; exit 1 naming the bad key.")
        @Argument(help: "The file to check.") var file: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            var options = global
            if let file { options.config = file }
            do {
                guard let path = try options.configFile() else {
                    print("No config file: the defaults are in force.")
                    return
                }
                let config = try options.loadConfig()
                let secrets = config.sources.keys.map(\.rawValue).sorted()
                print("\(path): OK" + (secrets.isEmpty ? "" : " (from the environment: \(secrets.joined(separator: ", ")))"))
            } catch {
                options.fail(error)
            }
        }
    }
}
