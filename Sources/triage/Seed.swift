import ArgumentParser
import Foundation
import TriageCore
import TriagePostgres
import TriageStore

/// `triage seed --tickets N [--weeks W] [--seed S]`: a realistic, deterministic history. On PostgreSQL the history
/// is made in a SQLite store of its own (the same seeder, the same histories) and bulk-loaded, as a superuser, into an
/// empty store.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill the store with a realistic ticket history (deterministic for a given --seed).",
        discussion: """
            On PostgreSQL, seed loads an empty store and connects as a superuser, as `db migrate` does \
            (--db postgres://postgres@HOST/DATABASE); every other process then logs in as triage_app.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "How many tickets.") var tickets = 2_000
    @Option(help: "Spread over this many weeks before now.") var weeks = 12
    @Option(help: "The random seed (same seed, same store).") var seed: UInt64 = 1

    func validate() throws {
        guard (0...50_000_000).contains(tickets) else { throw ValidationError("--tickets must be from 0 to 50,000,000") }
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be from 1 to 520") }
    }

    func run() async throws {
        let location: PostgresLocation?
        do { location = try global.postgresLocation() } catch { global.fail(error) }
        if let location { return try await seedPostgres(location) }
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

    /// Seeds a SQLite store of its own under the PostgreSQL store's policy, then loads its rows there.
    func seedPostgres(_ location: PostgresLocation) async throws {
        let started = Date()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("triage-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let policy = try await PostgresBulkLoad.prepare(location)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try TicketStore.open(path: folder.appendingPathComponent("seed.sqlite").path, policy: policy)
            let report = try store.seed(tickets: tickets, weeks: weeks, seed: seed, now: Date())
            var after: String?
            var finished = false
            let loaded = try await PostgresBulkLoad.load(
                location,
                next: { () throws(TicketError) -> [BulkRows]? in
                    guard !finished else { return nil }
                    let batch = try store.bulkExport(after: after, limit: 2_000)
                    guard let last = batch.last else {
                        finished = true
                        return nil
                    }
                    after = last
                    return batch.rows
                }, shared: try store.bulkExportShared())
            global.emit(["tickets": loaded, "messages": report.messages, "events": report.events]) {
                String(
                    format: "Seeded %d tickets (%d messages, %d events) in %.1fs into %@", loaded, report.messages, report.events,
                    Date().timeIntervalSince(started), location.description)
            }
        } catch let error as TicketError {
            global.fail(error)
        }
    }
}
