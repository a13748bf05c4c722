import ArgumentParser
import Foundation
import TriageCore
import TriageStore
import TriageTerminal

/// Options the console commands share.
struct ConsoleOptions: ParsableArguments {
    @Option(help: "A theme: dark, light, high-contrast, mono, or a .toml path (default: $TRIAGE_THEME, else dark).")
    var theme: String?

    @Option(name: .customLong("poll-ms"), help: "How often to check the store for changes by other processes, in ms.")
    var pollMilliseconds = 250

    func validate() throws {
        guard (10...10_000).contains(pollMilliseconds) else { throw ValidationError("--poll-ms must be from 10 to 10000") }
    }
}

/// `triage console` (and `triage` alone): the full-screen console on the store.
struct OpenConsole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Open the full-screen console: live SLA queue, detail, editors, breach watch, stats.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ConsoleOptions

    func run() throws {
        try global.run { store in
            try Self.open(store: store, global: global, options: options)
        }
    }

    static func open(store: TicketStore, global: GlobalOptions, options: ConsoleOptions) throws {
        guard global.principal.isStaff else { throw TicketError.forbidden("the console is for agents: drop --as-user") }
        do {
            try ConsoleLauncher.run(
                store: store, agent: global.principal.actorName, theme: ThemeLoader.requested(options.theme),
                pollMilliseconds: options.pollMilliseconds)
        } catch let error as TerminalError {
            throw TicketError.storage(error.description)
        }
        // Stopped by a signal (the terminal is given back by now): exit as the signal's 128 + number.
        let signal = ConsoleRuntime.stopSignal.load(ordering: .relaxed)
        if signal != 0 { throw ExitCode(128 + signal) }
    }
}
