import ArgumentParser
import Foundation
import TriageConsole
import TriageCore
import TriagePostgres
import TriageStore
import TriageTerminal

/// `triage snapshot`: the exact frame the console would show, as text or SVG, on a seeded store and a fixed clock.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a console view to text or SVG (a seeded store and a fixed clock unless --db is given).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case txt, svg
    }

    @Option(help: "queue, detail, watch, stats, editor or help.") var view: SnapshotRenderer.View = .queue
    @Option(help: "COLUMNSxROWS.") var size = "120x40"
    @Option(help: "A theme name or .toml path.") var theme = "dark"
    @Option(help: "txt or svg.") var format: Format = .txt
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Option(help: "Render from this store at the current time instead of a seeded one at a fixed time.") var db: String?
    @Flag(help: "ASCII symbols, as under a non-UTF-8 locale.") var ascii = false

    var dimensions: (Int, Int)? {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (1...1000).contains(parts[0]), (1...1000).contains(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }

    func validate() throws {
        if dimensions == nil { throw ValidationError("--size must be COLUMNSxROWS, like 120x40") }
    }

    /// The fixed moment snapshots are taken at.
    static let fixedNow = Date(timeIntervalSince1970: 1_795_600_800)  // 2026-11-25T10:00:00Z

    func run() throws {
        do {
            let (width, height) = dimensions!
            let chosen = try ThemeLoader.load(theme)
            if let db, PostgresLocation.isPostgres(db) {
                // The console's frame from a PostgreSQL store, now, as agent alice would see it.
                let location = try PostgresLocation(db)
                let calls = StoreCalls()
                let store = try calls.run { try await PostgresTicketStore.connect(location, baseURL: TicketURL.defaultBase, connections: 2) }
                defer { try? calls.run { await store.shutdown() } }
                let backend = try StoreBackend(store: store, feed: StillFeed(), agent: "alice", calls: calls)
                return try emit(
                    try SnapshotRenderer.frame(
                        view: view, backend: backend, agent: "alice", width: width, height: height, theme: chosen,
                        glyphs: ascii ? .ascii : .unicode, now: Date(), timeZone: .current), theme: chosen, width: width, height: height)
            }
            let store: TicketStore
            let now: Date
            let zone: TimeZone
            if let db {
                store = try TicketStore.open(path: db)
                now = Date()
                zone = .current
            } else {
                // A seeded store at a fixed clock, shown in UTC: the same picture on every machine.
                store = try TicketStore.inMemory()
                try store.seed(tickets: 1_500, weeks: 12, seed: 2026, now: Self.fixedNow)
                now = Self.fixedNow
                zone = TimeZone(identifier: "UTC")!
            }
            let frame = try SnapshotRenderer.frame(
                view: view, store: store, agent: "alice", width: width, height: height, theme: chosen, glyphs: ascii ? .ascii : .unicode,
                now: now, timeZone: zone)
            try emit(frame, theme: chosen, width: width, height: height)
        } catch {
            FileHandle.standardError.write(Data("triage: \((error as? TicketError)?.description ?? "\(error)")\n".utf8))
            throw ExitCode(1)
        }
    }
}

extension Snapshot {
    /// Writes the frame as text or SVG, to `--output` or standard output.
    func emit(_ frame: ScreenBuffer, theme chosen: Theme, width: Int, height: Int) throws {
        let text =
            format == .svg
            ? SVGRenderer.render(frame, theme: chosen, title: "triage — \(view.rawValue) (\(chosen.name), \(width)×\(height))")
            : frame.lines.joined(separator: "\n") + "\n"
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } else {
            print(text, terminator: "")
        }
    }
}

extension SnapshotRenderer.View: ExpressibleByArgument {}
