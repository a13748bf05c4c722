import Foundation

/// Rows of one table on their way from one backend to another, as a JSON array of objects keyed by column name: what
/// `triage seed` on PostgreSQL loads after seeding a SQLite store (the histories, their stats and their timers are
/// made once, by the SQLite seeder, and copied).
public struct BulkRows: Sendable, Equatable {
    /// The table, without its schema.
    public var table: String
    public var columns: [String]
    /// `[{"column": value, …}, …]`; booleans may be 0 and 1.
    public var json: String
    public var count: Int

    public init(table: String, columns: [String], json: String, count: Int) {
        self.table = table
        self.columns = columns
        self.json = json
        self.count = count
    }
}
