import Foundation
import GRDB
import TriageCore

/// Reading and writing a `Ticket` as a row of the `tickets` table (dates are seconds since 1970, indexed as REAL).
enum TicketRow {
    /// The columns every ticket read selects, with its rating and its requester's name joined (both on a primary
    /// key: one look-up per ticket read, whatever the store's size).
    static let select = select(indexedBy: nil)

    /// `select`, reading the tickets through `index` (`INDEXED BY`) when one is named.
    static func select(indexedBy index: String?) -> String {
        """
        SELECT t.*, r.rating AS r_rating, r.comment AS r_comment, r.rated_at AS r_rated_at, q.name AS q_name
        FROM tickets t\(index.map { " INDEXED BY \($0)" } ?? "") LEFT JOIN ratings r ON r.ticket_id = t.id LEFT JOIN requesters q ON q.user_id = t.user_id
        """
    }

    static func date(_ row: Row, _ column: String) -> Date? {
        (row[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }

    static func date(_ row: IndexedRow, _ column: String) -> Date? {
        (row[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }

    static func decode(_ row: IndexedRow, tags: [String]) throws -> Ticket {
        let category: Category = try StrictColumn.value(row["category"], column: "tickets.category")
        let priority: Priority = try StrictColumn.value(row["priority"], column: "tickets.priority")
        let status: TicketStatus = try StrictColumn.value(row["status"], column: "tickets.status")
        let hours: Double = row["sla_hours"]
        let sla = try SLASnapshot(
            category: category, priority: priority,
            budget: SLABudget(hours: hours, rule: StrictColumn.value(row["sla_rule"], column: "tickets.sla_rule")),
            cycleStart: date(row, "cycle_start")!, pausedSeconds: row["paused_seconds"],
            pausedAt: date(row, "paused_at"), closedAt: status == .closed ? date(row, "closed_at") : nil, cycle: row["cycle"])
        let satisfaction: Satisfaction? = (row["r_rating"] as Int?).map {
            Satisfaction(rating: $0, comment: row["r_comment"], ratedAt: date(row, "r_rated_at") ?? Date(timeIntervalSince1970: 0))
        }
        return try Ticket(
            id: StrictColumn.ticketID(row["id"], column: "tickets.id"), userID: StrictColumn.userID(row["user_id"], column: "tickets.user_id"),
            subject: row["subject"], description: row["description"], category: category, priority: priority,
            status: status, assignee: row["assignee"], tags: tags, escalated: row["escalated"],
            resolution: row["resolution"], createdAt: date(row, "created_at")!, updatedAt: date(row, "updated_at"),
            closedAt: date(row, "closed_at"), firstResponseAt: date(row, "first_response_at"),
            awaitingAgentSince: date(row, "awaiting_agent_since"), sla: sla, satisfaction: satisfaction,
            acknowledgedAt: date(row, "acknowledged_at"), requesterName: row["q_name"])
    }

    /// Tickets for these rows, with their tags fetched in one query.
    static func decodeAll(_ db: Database, rows: [Row]) throws -> [Ticket] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.map { $0["id"] as String }
        var tags: [String: [String]] = [:]
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        for row in try Row.fetchAll(
            db.cachedStatement(sql: "SELECT ticket_id, tag FROM tags WHERE ticket_id IN (\(placeholders)) ORDER BY tag"),
            arguments: StatementArguments(ids)
        ) {
            tags[row[0], default: []].append(row[1])
        }
        let columns = IndexedRow.positions(of: rows[0])
        return try rows.map { try decode(IndexedRow(row: $0, columns: columns), tags: tags[$0["id"] as String] ?? []) }
    }

    /// The ticket's columns (`TicketColumns`, shared with every backend) as SQLite values.
    static func columns(_ t: Ticket) -> [(name: String, value: (any DatabaseValueConvertible)?)] {
        TicketColumns.values(t).map { column in
            let value: (any DatabaseValueConvertible)?
            switch column.value {
            case .text(let text): value = text
            case .integer(let number): value = number
            case .real(let number): value = number
            case .bool(let flag): value = flag
            case .null: value = nil
            }
            return (column.name, value)
        }
    }

    static let insertSQL =
        "INSERT INTO tickets (\(TicketColumns.names.joined(separator: ","))) VALUES (\(TicketColumns.names.map { _ in "?" }.joined(separator: ",")))"

    static let updateSQL = "UPDATE tickets SET \(TicketColumns.names.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"

    static func insertArguments(_ t: Ticket) -> StatementArguments {
        StatementArguments(columns(t).map(\.value))
    }

    static func insert(_ db: Database, _ t: Ticket) throws {
        try db.cachedStatement(sql: insertSQL).execute(arguments: insertArguments(t))
    }

    static func update(_ db: Database, _ t: Ticket) throws {
        let values = columns(t).dropFirst().map(\.value) + [t.id.rawValue]
        try db.cachedStatement(sql: updateSQL).execute(arguments: StatementArguments(values))
    }
}

/// A row whose columns are found by name through a table built once per result set: GRDB's by-name lookup on a
/// copied row lowercases every column name on every call, which made decoding a page of tickets cost milliseconds.
struct IndexedRow {
    let row: Row
    let columns: [String: Int]

    static func positions(of row: Row) -> [String: Int] {
        Dictionary(row.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @_disfavoredOverload subscript<Value: DatabaseValueConvertible>(_ column: String) -> Value { row[columns[column]!] }
    subscript<Value: DatabaseValueConvertible>(_ column: String) -> Value? { row[columns[column]!] }
}
