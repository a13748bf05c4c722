import ArgumentParser
import Foundation
import TriageCore

/// `triage policy show`: the SLA policy in force, as TOML that can be edited and loaded back.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "The SLA policy.", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the policy in force (TOML).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            do {
                let policy = try global.loadPolicy()
                print(policy.tomlText, terminator: "")
            } catch {
                global.fail(error)
            }
        }
    }
}
