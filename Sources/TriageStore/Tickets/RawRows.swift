import Foundation
import GRDB
import GRDBSQLite

/// Steps a cached statement through the SQLite C API and hands each row to `body`, for the weekly stats' range scans
/// of tens of thousands of rows: reading the columns directly skips GRDB's `Row` and `DatabaseValue` per row. The
/// statement is reset before and after; a row's column pointers are valid only inside `body`.
struct RawRows {
    let handle: OpaquePointer

    static func forEach(_ db: Database, sql: String, arguments: [Double], _ body: (RawRows) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle) }
        for (index, value) in arguments.enumerated() { sqlite3_bind_double(handle, Int32(index + 1), value) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try body(RawRows(handle: handle))
        }
    }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    /// Whether the column's text is exactly `bytes` (no `String` is made).
    func text(_ column: Int32, equals bytes: [UInt8]) -> Bool {
        guard let text = sqlite3_column_text(handle, column) else { return false }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count == bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { memcmp(text, $0.baseAddress!, count) == 0 }
    }
}
