import PostgresNIO
import TriageCore

/// postgres-nio's errors as the store's: the server's SQLSTATE and message, never the query or its values.
enum PostgresFailure {
    /// The SQLSTATE of a server error (unwrapped from a transaction error), if it is one.
    static func sqlState(_ error: any Error) -> String? {
        server(error)?.serverInfo?[.sqlState]
    }

    static func server(_ error: any Error) -> PSQLError? {
        if let error = error as? PSQLError { return error }
        if let error = error as? PostgresTransactionError {
            return [error.closureError, error.beginError, error.commitError, error.rollbackError].lazy.compactMap { $0.flatMap(server) }
                .first
        }
        return nil
    }

    /// `error` as a `TicketError`: domain errors pass through; a server error keeps its message and SQLSTATE; a
    /// connection failure says where it tried.
    static func mapped(_ error: any Error, at location: PostgresLocation) -> TicketError {
        if let error = error as? TicketError { return error }
        if let error = error as? PostgresTransactionError, let inner = error.closureError as? TicketError { return inner }
        if let psql = server(error), let info = psql.serverInfo, let message = info[.message] {
            let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = info[.detail].map { ": \($0)" } ?? ""
            return .storage("PostgreSQL at \(location): \(message)\(detail)\(state)")
        }
        if let psql = server(error), psql.code == .connectionError || psql.code == .serverClosedConnection {
            // A Unix socket that is not there: say which file was tried, as libpq does, instead of NIO's syscall.
            if case .socket(let folder, let port) = location.endpoint, let io = psql.underlying as? IOError,
                io.errnoCode == ENOENT || io.errnoCode == ECONNREFUSED
            {
                return .storage(
                    "cannot reach PostgreSQL at \(location): no server listening on the socket \(folder)/.s.PGSQL.\(port) "
                        + "(is it running, in that folder, on port \(port)?)")
            }
            return .storage("cannot reach PostgreSQL at \(location): \(psql.underlying.map { "\($0)" } ?? "connection failed")")
        }
        return .storage("PostgreSQL at \(location): \(String(describing: error).prefix(300))")
    }
}
