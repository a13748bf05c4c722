import FigureSupport
import Foundation
import GRDB
import TriageCore
import TriagePostgres
import TriageStore
import TriageTerminal

// The PostgreSQL store beside the SQLite one, on the same data, in one run (SPEC §10, issue 11):
//   swift run -c release --package-path Benchmarks PostgresFigures POSTGRES_ADDRESS SQLITE_STORE [ROUNDS]
// POSTGRES_ADDRESS is the database `Benchmarks/postgres/load.sh` filled, as triage_app (row-level security on);
// SQLITE_STORE the file it was filled from. Each figure alternates the two backends round by round, so both see the
// same machine; the reads are the contract's (`TicketStoring`): an agent's queue top 50, a user's queue, a ticket by
// id with its thread and log as an agent, the same ticket as its requester, and the weekly stats.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: PostgresFigures POSTGRES_ADDRESS SQLITE_STORE [ROUNDS]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 400 : 400

let postgres = try await PostgresTicketStore.connect(try PostgresLocation(arguments[1]), baseURL: TicketURL.defaultBase)
let sqlite = SQLiteTicketStore(try TicketStore.open(path: arguments[2]))
let backends: [(name: String, store: any TicketStoring)] = [("SQLite", sqlite), ("PostgreSQL", postgres)]

// Tickets to read (a different one each call) and their requesters, and a user with open tickets.
let sample: [(id: String, user: UserID)] = try DatabaseQueue(
    path: arguments[2],
    configuration: {
        var c = Configuration()
        c.readonly = true
        return c
    }()
).read { db in
    try Row.fetchAll(db, sql: "SELECT id, user_id FROM tickets ORDER BY random() LIMIT ?", arguments: [rounds]).map {
        (id: $0["id"], user: UserID($0["user_id"] as String)!)
    }
}
let busyUser: UserID = try DatabaseQueue(path: arguments[2]).read { db in
    UserID(
        try String.fetchOne(
            db, sql: "SELECT user_id FROM tickets WHERE queue_rank IS NOT NULL GROUP BY user_id ORDER BY count(*) DESC LIMIT 1")!)!
}

let agent = Principal.agent("bench")
let lastSeededWeek: ISOWeek = try DatabaseQueue(path: arguments[2]).read { db in
    ISOWeek(containing: Date(timeIntervalSince1970: Double(try Int.fetchOne(db, sql: "SELECT max(day) FROM day_counts") ?? 0) * 86_400))
}
let figures: [(name: String, run: @Sendable (any TicketStoring, Int) async throws -> Void)] = [
    ("queue top 50, agent", { store, _ in _ = try await store.queue(QueueFilter(limit: 50), as: agent, after: nil) }),
    ("queue, a user's own", { store, _ in _ = try await store.queue(QueueFilter(limit: 50), as: .user(busyUser), after: nil) }),
    ("ticket by id + thread + log, agent", { store, i in _ = try await store.detail(sample[i % sample.count].id, as: agent) }),
    ("ticket by id, an agent", { store, i in _ = try await store.ticket(sample[i % sample.count].id, as: agent) }),
    (
        "ticket by id, its requester",
        { store, i in
            let (id, user) = sample[i % sample.count]
            _ = try await store.ticket(id, as: .user(user))
        }
    ),
    // The last week the seed filled (a past week: its own history) and the week in progress (live KPIs too).
    ("weekly stats, the last seeded week", { store, _ in _ = try await store.weeklyStats(lastSeededWeek, as: agent, now: Date()) }),
    (
        "weekly stats, the week in progress",
        { store, _ in _ = try await store.weeklyStats(ISOWeek(containing: Date()), as: agent, now: Date()) }
    ),
]

// FIGURES=name,name…: only the figures whose names start with one of those (for a profile); the LISTEN and console
// figures then only with FIGURES containing "listen" or "console".
let only = ProcessInfo.processInfo.environment["FIGURES"].map { $0.split(separator: ",").map(String.init) }
func wanted(_ name: String) -> Bool { only.map { $0.contains { name.hasPrefix($0) } } ?? true }
print("PostgresFigures \(ISO8601DateFormatter().string(from: Date())): \(rounds) rounds each, backends alternating")
for figure in figures where wanted(figure.name) {
    var times: [String: [Double]] = [:]
    for (name, store) in backends { try await figure.run(store, 0); _ = name }  // warm up
    for round in 0..<rounds {
        for (name, store) in round.isMultiple(of: 2) ? backends : backends.reversed() {
            let start = ContinuousClock.now
            try await figure.run(store, round)
            let elapsed = ContinuousClock.now - start
            times[name, default: []].append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
    }
    let line = backends.map { name, _ -> String in
        let t = times[name]!
        return "\(name) p50 \(String(format: "%.3f", percentile(t, 0.5))) ms, p99 \(String(format: "%.3f", percentile(t, 0.99))) ms"
    }.joined(separator: " | ")
    print("\(figure.name): \(line)")
}
// Commit to LISTEN: an agent's write on one pool, heard by id on the listener's own connection (what a console on
// another machine waits for). Measured from the start of the write (its commit is inside) to the notification, and
// the write alone, round by round.
func listenLatency(_ store: PostgresTicketStore, ids: [String], rounds: Int, as agent: Principal) async throws -> (
    toNotification: [Double], writes: [Double]
) {
    let (heard, sink) = AsyncStream.makeStream(of: TicketChange.self)
    let listener = Task { await store.listen { sink.yield($0) } }
    var notifications = heard.makeAsyncIterator()
    _ = await notifications.next()  // .reloadAll: listening
    var toNotification: [Double] = []
    var writes: [Double] = []
    func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15 }
    for round in 0..<rounds {
        let id = ids[round % ids.count]
        let start = ContinuousClock.now
        _ = try await store.assign(id, to: round.isMultiple(of: 2) ? "bench-a" : "bench-b", as: agent, now: Date())
        let written = ContinuousClock.now
        while let change = await notifications.next(), change != .ticket(TicketID(id)!) {}
        let arrived = ContinuousClock.now
        writes.append(ms(written - start))
        toNotification.append(ms(arrived - start))
    }
    listener.cancel()
    sink.finish()
    return (toNotification, writes)
}
if wanted("listen") {
    let (toNotification, writes) = try await listenLatency(postgres, ids: sample.map(\.id), rounds: min(rounds, 200), as: agent)
    print(
        "agent's write → its NOTIFY heard on another connection: p50 \(String(format: "%.3f", percentile(toNotification, 0.5))) ms, "
            + "p99 \(String(format: "%.3f", percentile(toNotification, 0.99))) ms (the write alone: p50 \(String(format: "%.3f", percentile(writes, 0.5))) ms)"
    )
}

// Commit to screen: a console on each backend (its loop on its own thread, woken by the store's feed: inotify on the
// SQLite file, LISTEN on PostgreSQL) and a colleague's write through the same contract; the backends alternate
// probe by probe, 50–300 ms apart.
if wanted("console") {
    ConsoleRuntime.stopRequested.store(false, ordering: .relaxed)
    let consoles = [try await WatchedConsole(name: "SQLite", store: sqlite), try await WatchedConsole(name: "PostgreSQL", store: postgres)]
    for console in consoles { _ = try await console.top() }
    try await Task.sleep(for: .seconds(2))
    var toScreen: [String: [Double]] = [:]
    for round in 0..<60 {
        for console in round.isMultiple(of: 2) ? consoles : consoles.reversed() {
            try await Task.sleep(for: .milliseconds(Int.random(in: 50...300)))
            toScreen[console.name, default: []].append(try await console.probe(round))
        }
    }
    ConsoleRuntime.stopRequested.store(true, ordering: .relaxed)
    for console in consoles { console.close() }
    print(
        "a colleague's commit → on a console's screen: "
            + consoles.map { c in
                let t = toScreen[c.name]!
                return
                    "\(c.name) p50 \(String(format: "%.1f", percentile(t, 0.5))) ms, p99 \(String(format: "%.1f", percentile(t, 0.99))) ms"
            }.joined(separator: " | "))
}
await postgres.shutdown()
