import ArgumentParser
import Foundation
import TriageCore
import TriagePostgres
import TriageStore

/// `triage db`: the store itself. On SQLite every command migrates the file as it opens it; on PostgreSQL only
/// `db migrate`, run once by a superuser, creates the roles and the schema, and every process checks its login.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create or upgrade the store's schema; check a PostgreSQL login.",
        discussion: """
            SQLite: `triage db migrate` creates or upgrades the file (any command does it too).
            PostgreSQL: `triage --db postgres://SUPERUSER@HOST/DATABASE db migrate` creates the roles triage_owner (owns
            the schema) and triage_app (the login of every triage process), the database if missing, and the schema,
            or upgrades it; a schema newer than this triage is refused. Every other process connects as
            postgres://triage_app@HOST/DATABASE; `triage db check` says whether a login is fit to serve (row-level
            security applies to it: not a superuser, not BYPASSRLS, not the owner; the schema is current).
            """,
        subcommands: [Migrate.self, Check.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or upgrade the store's schema (on PostgreSQL, as a superuser).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            do {
                if let location = try global.postgresLocation() {
                    let done = try await PostgresAdmin.migrate(location)
                    let what =
                        done.from == done.to
                        ? "schema v\(done.to), already current" : done.from == 0 ? "schema v\(done.to) created" : "schema v\(done.from) → v\(done.to)"
                    global.emit(MigrationJSON(database: done.database, createdDatabase: done.createdDatabase, from: done.from, to: done.to)) {
                        "\(location.database)\(done.createdDatabase ? " (new database)" : ""): \(what); roles "
                            + "\(PostgresSchema.ownerRole), \(PostgresSchema.loginRole), \(PostgresSchema.requesterRole), "
                            + "\(PostgresSchema.staffRole), \(PostgresSchema.workerRole) ready. Serve as postgres://\(PostgresSchema.loginRole)@…/\(location.database)."
                    }
                } else {
                    let store = try global.openStore()
                    let state = try store.schemaState()
                    global.emit(MigrationJSON(database: global.storePath, createdDatabase: false, from: state.applied.count, to: state.applied.count)) {
                        "\(global.storePath): schema current (\(state.applied.count) of \(state.known) migrations, last \(state.applied.last ?? "none"))"
                    }
                }
            } catch {
                global.fail(error)
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether the --db login may serve: row-level security applies to it and the schema is current.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            do {
                guard let location = try global.postgresLocation() else {
                    let state = try global.openStore().schemaState()
                    print("\(global.storePath): SQLite, \(state.applied.count) of \(state.known) migrations: fit to serve")
                    return
                }
                let login = try await PostgresAdmin.login(location)
                if let refusal = login.refusal { throw TicketError.forbidden(refusal) }
                global.emit(CheckJSON(user: login.user, server: login.serverVersion, schema: login.schemaVersion ?? 0, fitToServe: true)) {
                    "\(location): PostgreSQL \(login.serverVersion), schema v\(login.schemaVersion ?? 0) (current); "
                        + "\(login.user) is not a superuser, not BYPASSRLS and not the owner: row-level security applies. Fit to serve."
                }
            } catch let error as TicketError {
                global.fail(error)
            }
        }
    }
}

/// `triage --json db migrate`: the database (or SQLite file) and the schema version before and after (on SQLite, the
/// number of migrations applied).
struct MigrationJSON: Encodable {
    var database: String
    var createdDatabase: Bool
    var from: Int
    var to: Int
    enum CodingKeys: String, CodingKey {
        case database, from, to
        case createdDatabase = "created_database"
    }
}

/// `triage --json db check` on a login fit to serve (an unfit one is an error).
struct CheckJSON: Encodable {
    var user: String
    var server: String
    var schema: Int
    var fitToServe: Bool
    enum CodingKeys: String, CodingKey {
        case user, server, schema
        case fitToServe = "fit_to_serve"
    }
}
