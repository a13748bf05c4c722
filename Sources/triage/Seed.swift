import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage seed --tickets N [--weeks W] [--seed S]`: a realistic, deterministic history.
struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill the store with a realistic ticket history (deterministic for a given --seed).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many tickets.") var tickets = 2_000
    @Option(help: "Spread over this many weeks before now.") var weeks = 12
    @Option(help: "The random seed (same seed, same store).") var seed: UInt64 = 1

    func validate() throws {
        guard (0...50_000_000).contains(tickets) else { throw ValidationError("--tickets must be from 0 to 50,000,000") }
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be from 1 to 520") }
    }

    func run() throws {
        try global.run { store in
            let quiet = global.json || tickets < 50_000
            let report = try store.seed(tickets: tickets, weeks: weeks, seed: seed, now: Date()) { done in
                if !quiet { FileHandle.standardError.write(Data("\r  \(done) tickets…".utf8)) }
            }
            if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            global.emit(["tickets": report.tickets, "messages": report.messages, "events": report.events]) {
                String(
                    format: "Seeded %d tickets (%d messages, %d events) in %.1fs into %@", report.tickets, report.messages,
                    report.events, report.seconds, store.path)
            }
        }
    }
}
