import Foundation
import GRDB
import Synchronization
import TriageCore

/// The shared store: one SQLite file in WAL mode that the console, the CLI and the API server use at once.
///
/// Every read of tickets and messages takes a `Principal` and is scoped here, in one place: a user sees only their
/// own tickets and never an internal note. Every write is one `BEGIN IMMEDIATE` transaction that keeps the ticket,
/// its event log, its SLA columns and its outbox consistent.
public final class TicketStore: Sendable {
    let dbWriter: any DatabaseWriter
    let policyCache = Mutex(PolicyCache(version: -1, policy: .default, checkedAt: .now - .seconds(3600)))
    public let baseURL: String

    /// Opens a store on an existing writer (an in-memory `DatabaseQueue` in tests) and migrates it. A `policy` given
    /// here is imported into the store (when it differs from the one in force), as `triage policy set` would.
    public init(_ dbWriter: any DatabaseWriter, policy: SLAPolicy? = nil, baseURL: String = TicketURL.defaultBase) throws(TicketError) {
        self.dbWriter = dbWriter
        self.baseURL = baseURL
        do {
            let migrator = Schema.migrator
            let superseded = try dbWriter.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded {
                throw TicketError.storage(
                    "this store was written by a newer version of Triage (it has migrations this version does not know); upgrade triage to open it"
                )
            }
            // Two processes opening a new store at once can both start the same migration (GRDB reads what is
            // applied, then runs each migration in its own transaction): the loser fails ("table … already exists")
            // and, tried again, finds it applied.
            var attempt = 0
            while true {
                do {
                    try migrator.migrate(dbWriter)
                    break
                } catch let error as DatabaseError where attempt < 4 {
                    attempt += 1
                    _ = error
                    usleep(useconds_t(20_000 * attempt))
                }
            }
        } catch let error as TicketError {
            throw error
        } catch {
            throw .storage("cannot prepare the store: \(error)")
        }
        if let policy { try importPolicy(policy, actor: "triage", now: Date()) }
    }

    /// The migrations this store has applied, in order, and how many this build knows (`triage db migrate`).
    public func schemaState() throws(TicketError) -> (applied: [String], known: Int) {
        let migrator = Schema.migrator
        let applied = try reading { db in try migrator.appliedMigrations(db) }
        return (applied, migrator.migrations.count)
    }

    /// Opens (creating if needed) the store file at `path`, with its folder, as a WAL `DatabasePool` shared safely
    /// with other processes.
    public static func open(path: String, policy: SLAPolicy? = nil, baseURL: String = TicketURL.defaultBase) throws(TicketError)
        -> TicketStore
    {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .storage("cannot create the folder for \(path): \(error.localizedDescription)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch {
            throw .storage("cannot open the store \(path): \(error)")
        }
        return try TicketStore(pool, policy: policy, baseURL: baseURL)
    }

    /// The configuration every connection of every process uses.
    static func configuration(readonly: Bool = false) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = readonly
        // Another process may hold the write lock for a moment: wait for it rather than fail.
        config.busyMode = .timeout(10)
        config.label = "triage"
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return config
    }

    /// The file path, for stores opened on a file.
    public var path: String { dbWriter.path }
}
