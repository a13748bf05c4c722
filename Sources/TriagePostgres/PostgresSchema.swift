/// The PostgreSQL store's schema (SPEC §10): the roles every database of the cluster shares, and the migrations of
/// schema `triage`, each a frozen SQL file in `SQL/` (embedded in the binary). A new change is a new file and a new
/// entry here; a file, once released, never changes. Each migration ends by recording its version in
/// `triage.schema_migrations`, so `psql --single-transaction -f` applies it exactly as `triage db migrate` does.
public enum PostgresSchema {
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var sql: String
    }

    /// Creates or corrects the roles (run by a superuser; idempotent).
    public static let roles = String(decoding: PackageResources.roles_sql, as: UTF8.self)

    /// The migrations, oldest first.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "v1", sql: String(decoding: PackageResources.v1_sql, as: UTF8.self))
    ]

    /// The schema version this build writes and reads.
    public static var latest: Int { migrations.last?.version ?? 0 }

    /// The schema every table lives in.
    public static let schema = "triage"

    /// The role that owns the schema (never a login).
    public static let ownerRole = "triage_owner"

    /// The login role of every triage process but the migrator: neither superuser, nor owner, nor `BYPASSRLS`, so
    /// row-level security applies to everything it does.
    public static let loginRole = "triage_app"

    /// The roles a transaction switches into, by who acts.
    public static let requesterRole = "triage_requester"
    public static let staffRole = "triage_staff"
    public static let workerRole = "triage_worker"

    /// Advisory locks (one 64-bit key space, per database cluster): the migrator's on the maintenance database
    /// (roles, the database itself), the migrator's on the Triage database (the schema), the token creators'
    /// (live names are unique), the policy setters', and the seed of an idempotency key's lock (requests with one key wait for each other).
    public static let clusterLock: Int64 = 7_418_260_930
    public static let migrationLock: Int64 = 7_418_260_931
    public static let tokenNamesLock: Int64 = 7_418_260_932
    public static let idempotencyLockSeed: Int64 = 7_418_260_933
    public static let policyLock: Int64 = 7_418_260_934
}
