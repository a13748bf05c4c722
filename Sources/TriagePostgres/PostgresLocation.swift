import Foundation
import NIOSSL
import PostgresNIO
import TriageCore

/// Where a PostgreSQL store is, from a `postgres://` (or `postgresql://`) address as libpq reads it:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?host=/socket/dir&port=N&sslmode=disable|prefer|require]`.
/// A host that is empty or starts with `/` (in the address or in `host=`) is a Unix-socket folder; without any host,
/// `$PGHOST`, else `/var/run/postgresql`. The password may come from `$PGPASSWORD`; the port from `$PGPORT`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        case socket(folder: String, port: Int)
    }

    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, prefer, require
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(endpoint: Endpoint, user: String, password: String? = nil, database: String, tls: TLSMode = .disable) {
        (self.endpoint, self.user, self.password, self.database, self.tls) = (endpoint, user, password, database, tls)
    }

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` address; a bad one is an `invalidField` on `db` saying what is wrong.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(TicketError) {
        func bad(_ why: String) -> TicketError {
            .invalidField(field: "db", message: "\(Self.redacted(text)): \(why); expected postgres://USER@HOST[:PORT]/DATABASE")
        }
        guard Self.isPostgres(text), let parts = URLComponents(string: text) else { throw bad("not a postgres:// address") }
        var query: [String: String] = [:]
        for item in parts.queryItems ?? [] {
            guard let value = item.value else { throw bad("\(item.name) has no value") }
            guard ["host", "port", "sslmode", "user", "password", "dbname"].contains(item.name) else {
                throw bad("unknown parameter \(item.name) (allowed: host, port, sslmode, user, password, dbname)")
            }
            query[item.name] = value
        }
        let env = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let user = query["user"] ?? parts.user.flatMap({ $0.isEmpty ? nil : $0 }) ?? env("PGUSER") else {
            throw bad("no user (write USER@ before the host)")
        }
        let database = query["dbname"] ?? String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw bad("no database (write /DATABASE after the host)") }
        let portText = query["port"] ?? parts.port.map(String.init) ?? env("PGPORT") ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else { throw bad("port \(portText) is not a port number") }
        let host = query["host"] ?? parts.percentEncodedHost.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? env("PGHOST")
        let endpoint: Endpoint
        switch host {
        case nil: endpoint = .socket(folder: "/var/run/postgresql", port: port)
        case let host? where host.hasPrefix("/"): endpoint = .socket(folder: host, port: port)
        case let host?: endpoint = .tcp(host: host, port: port)
        }
        let mode = query["sslmode"] ?? "disable"
        guard let tls = TLSMode(rawValue: mode) else {
            throw bad("sslmode \(mode) is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(
            endpoint: endpoint, user: user, password: query["password"] ?? parts.password ?? env("PGPASSWORD"), database: database,
            tls: tls)
    }

    /// The same server and login, another database (the migrator reaches `postgres` to create the store's).
    public func database(_ name: String) -> PostgresLocation {
        var other = self
        other.database = name
        return other
    }

    /// The same server and database, another login role.
    public func user(_ name: String, password: String? = nil) -> PostgresLocation {
        var other = self
        (other.user, other.password) = (name, password)
        return other
    }

    /// postgres-nio's configuration for one connection.
    /// What `pg_stat_activity` shows a DBA for every connection Triage opens.
    public static let applicationName = "triage"

    public func configuration() throws(TicketError) -> PostgresConnection.Configuration {
        var configuration = try bareConfiguration()
        configuration.options.additionalStartupParameters = [("application_name", Self.applicationName)]
        return configuration
    }

    func bareConfiguration() throws(TicketError) -> PostgresConnection.Configuration {
        switch endpoint {
        case .socket(let folder, let port):
            return .init(unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch self.tls {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            } catch {
                throw .storage("cannot set up TLS for \(self): \(error)")
            }
            return .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
    }

    /// postgres-nio's configuration for a pool.
    public func clientConfiguration() -> PostgresClient.Configuration {
        var configuration = bareClientConfiguration()
        configuration.options.additionalStartupParameters = [("application_name", Self.applicationName)]
        return configuration
    }

    func bareClientConfiguration() -> PostgresClient.Configuration {
        switch endpoint {
        case .socket(let folder, let port):
            return .init(unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        case .tcp(let host, let port):
            let tls: PostgresClient.Configuration.TLS
            switch self.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(.makeClientConfiguration())
            case .require: tls = .require(.makeClientConfiguration())
            }
            return .init(host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
    }

    /// The address without its password.
    public var description: String {
        switch endpoint {
        case .tcp(let host, let port): "postgres://\(user)@\(host):\(port)/\(database)"
        case .socket(let folder, let port): "postgres://\(user)@/\(database)?host=\(folder)&port=\(port)"
        }
    }

    /// `text` with any password replaced, for messages.
    static func redacted(_ text: String) -> String {
        guard var parts = URLComponents(string: text) else { return "the --db address" }
        if parts.password != nil { parts.password = "***" }
        if let items = parts.queryItems, items.contains(where: { $0.name == "password" }) {
            parts.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
        }
        return parts.string ?? "the --db address"
    }
}
