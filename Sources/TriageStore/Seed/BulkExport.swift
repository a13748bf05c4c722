import Foundation
import GRDB
import TriageCore

/// A seeded store's rows for a bulk load into another backend (`triage seed` on PostgreSQL): the tickets a batch at a
/// time with everything that hangs off them (thread, log, tags, rating, stats history, SLA facts and timer), each row
/// carrying the ticket's owner where PostgreSQL's composite keys want it; then the rows that belong to no ticket (the
/// day counters, the requesters' names).
extension TicketStore {
    /// One exported table: its columns (the target's names) as SQLite expressions over `from`, and the ticket id column
    /// a batch is cut on.
    struct ExportedTable {
        var table: String
        var columns: [(name: String, expression: String)]
        var from: String
        var ticketColumn: String
        var order: String
    }

    static let exportedTables: [ExportedTable] = {
        let owner = "JOIN tickets t ON t.id = "
        func child(_ table: String, _ alias: String, _ columns: [String], owned: Bool, order: String? = nil) -> ExportedTable {
            let own = owned ? [("user_id", "t.user_id")] : []
            return ExportedTable(
                table: table,
                columns: [("ticket_id", "\(alias).ticket_id")] + own + columns.map { ($0, "\(alias).\($0)") },
                from: "\(table) \(alias) " + (owned ? "\(owner)\(alias).ticket_id" : ""), ticketColumn: "\(alias).ticket_id",
                order: order ?? "\(alias).ticket_id")
        }
        return [
            ExportedTable(
                table: "tickets", columns: TicketColumns.names.map { ($0, "t.\($0)") }, from: "tickets t", ticketColumn: "t.id",
                order: "t.id"),
            child("messages", "m", ["author_kind", "author", "body", "internal", "created_at"], owned: true, order: "m.id"),
            child("events", "e", ["kind", "actor", "at", "old_value", "new_value"], owned: true, order: "e.id"),
            child("tags", "g", ["tag"], owned: true),
            child("ratings", "r", ["rating", "comment", "rated_at"], owned: true),
            child(
                "closes", "c", ["cycle", "closed_at", "created_at", "sla_hours", "due_at", "met", "counted", "week", "seconds"],
                owned: false),
            child("responses", "p", ["responded_at", "week", "seconds"], owned: false),
            child("sla_facts", "f", ["cycle", "kind", "n", "at", "late"], owned: true),
            child("sla_timers", "s", ["due_at"], owned: true),
        ]
    }()

    /// The next `limit` tickets after `after` (by id) and their rows, table by table; `last` is where the next batch
    /// starts, nil when there was nothing left.
    public func bulkExport(after: String?, limit: Int) throws(TicketError) -> (rows: [BulkRows], last: String?) {
        try reading { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM tickets WHERE id > ? ORDER BY id LIMIT ?", arguments: [after ?? "", max(1, limit)])
            guard let last = ids.last else { return ([], nil) }
            let range: StatementArguments = [after ?? "", last]
            let rows = try Self.exportedTables.map { table in
                try Self.export(
                    db, table.table, columns: table.columns,
                    sql: "FROM \(table.from) WHERE \(table.ticketColumn) > ? AND \(table.ticketColumn) <= ? ORDER BY \(table.order)",
                    arguments: range)
            }
            return (rows, last)
        }
    }

    /// The rows that belong to no ticket: the stats' day counters and the requesters' display names.
    public func bulkExportShared() throws(TicketError) -> [BulkRows] {
        try reading { db in
            let dayColumns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('day_counts') ORDER BY cid")
            return [
                try Self.export(db, "day_counts", columns: dayColumns.map { ($0, $0) }, sql: "FROM day_counts ORDER BY day", arguments: []),
                try Self.export(
                    db, "requesters", columns: ["user_id", "name", "updated_at"].map { ($0, $0) }, sql: "FROM requesters ORDER BY user_id",
                    arguments: []),
            ]
        }
    }

    static func export(
        _ db: Database, _ table: String, columns: [(name: String, expression: String)], sql: String, arguments: StatementArguments
    ) throws -> BulkRows {
        // JSON numbers from SQLite carry 15 digits; a REAL goes as the 17-digit text that reads back to the same double.
        let object =
            "json_object("
            + columns.map {
                "'\($0.name)', CASE typeof(\($0.expression)) WHEN 'real' THEN printf('%!.17g', \($0.expression)) ELSE \($0.expression) END"
            }
            .joined(separator: ", ") + ")"
        let objects = try String.fetchAll(db, sql: "SELECT \(object) \(sql)", arguments: arguments)
        return BulkRows(table: table, columns: columns.map(\.name), json: "[" + objects.joined(separator: ",") + "]", count: objects.count)
    }
}
