import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

#if canImport(Glibc)
    import Glibc
#endif

/// What arrives on the socket itself, as raw bytes: broken bodies and clients that leave mid-upload are a 400 (or a
/// quiet close), never a 500 nor an error in the log.
@Suite struct TransportTests {
    static let create =
        "POST /api/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {agent}\r\nContent-Type: application/json\r\n"

    @Test(
        "a broken body is a 400, never a 500",
        arguments: [
            // A chunk size that is not hexadecimal
            (create + "Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n", RawHTTP.Ending.keepOpen),
            // Fewer bytes than the Content-Length, then the client half-closes (it still reads the answer)
            (create + "Content-Length: 100\r\n\r\n{\"subject\": \"tr", .halfClose),
        ])
    func brokenBody(request: String, ending: RawHTTP.Ending) async throws {
        try await LiveServer.run { server in
            let answer = try await RawHTTP.exchange(port: server.port, server.filled(request), then: ending)
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer)")
            #expect(answer.contains(#""code":"malformed_request""#), "\(answer)")
            #expect(await server.logs.line { $0.hasPrefix("POST /api/tickets 400") } != nil)
            #expect(server.logs.errors.isEmpty, "\(server.logs.errors)")
        }
    }

    @Test func aClientGoneMidUploadIsAQuietClose() async throws {
        try await LiveServer.run { server in
            // Given a client that sends half its body and leaves
            _ = try await RawHTTP.exchange(port: server.port, server.filled(Self.create + "Content-Length: 100\r\n\r\n{"), then: .close)
            // Then the request is logged as a 400 and nothing as an error
            #expect(await server.logs.line { $0.hasPrefix("POST /api/tickets 400") } != nil)
            #expect(server.logs.errors.isEmpty, "\(server.logs.errors)")
        }
    }
}

/// The API server of `buildApplication` on a free port of 127.0.0.1, on a fresh store with an agent token, its log
/// lines captured.
struct LiveServer {
    let port: Int
    let agent: String
    let logs: LogCapture

    /// `request` with the agent's token in place of `{agent}`.
    func filled(_ request: String) -> String { request.replacingOccurrences(of: "{agent}", with: agent) }

    static func run(bodyTimeout: Duration = .seconds(30), _ test: (LiveServer) async throws -> Void) async throws {
        let store = try TicketStore.open(path: LiveServerTests.temporaryStore())
        let agent = try store.createToken(role: .agent, userID: nil, name: "alice", as: .admin("root"), now: Date()).secret
        let logs = LogCapture()
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(
            store: store, settings: APISettings(host: "127.0.0.1", port: 0, logLevel: .info, bodyTimeout: bodyTimeout),
            logger: logs.logger("triage.api"),
            onServerRunning: { portSink.yield($0) })
        let services = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let port = try #require(await ports.first { _ in true })
            try await test(LiveServer(port: port, agent: agent, logs: logs))
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }
}

/// Log lines kept in memory, with their level; `line(where:)` waits for one to be logged.
final class LogCapture: Sendable {
    private let lines = Mutex<[(level: Logger.Level, text: String)]>([])
    private let stream: AsyncStream<String>
    private let sink: AsyncStream<String>.Continuation

    init() { (stream, sink) = AsyncStream.makeStream(of: String.self) }

    func logger(_ label: String) -> Logger {
        Logger(label: label) { _ in Handler(capture: self) }
    }

    var all: [String] { lines.withLock { $0.map(\.text) } }
    var errors: [String] { lines.withLock { $0.filter { $0.level >= .error }.map(\.text) } }

    /// The first line that matches, once it has been logged (one caller at a time).
    func line(where matches: (String) -> Bool) async -> String? {
        for await line in stream where matches(line) { return line }
        return nil
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let text = "\(event.message)"
            capture.lines.withLock { $0.append((event.level, text)) }
            capture.sink.yield(text)
        }
    }
}

/// One exchange of raw bytes over a TCP socket, on a Dispatch thread (the socket calls block).
enum RawHTTP {
    /// What the client does once it has sent its bytes.
    enum Ending: Sendable {
        /// Reads the answer.
        case keepOpen
        /// Stops sending (`shutdown(SHUT_WR)`), then reads the answer.
        case halfClose
        /// Closes the socket at once; the answer is "".
        case close
    }

    /// Sends `request`, ends as told, and reads until the server closes or a whole answer has arrived.
    static func exchange(port: Int, _ request: String, then ending: Ending = .keepOpen) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try blockingExchange(port: port, Array(request.utf8), ending) })
            }
        }
    }

    struct SocketError: Error { var call: String }

    /// A socket connected to 127.0.0.1:`port` (the caller closes it).
    static func connected(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(call: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw SocketError(call: "connect")
        }
        return fd
    }

    /// Sends all of `bytes`, or as much as the server reads before it closes.
    static func send(_ bytes: [UInt8], to fd: Int32) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { break }  // the server may close before reading everything
            sent += n
        }
    }

    private static func blockingExchange(port: Int, _ bytes: [UInt8], _ ending: Ending) throws -> String {
        let fd = try connected(port: port)
        defer { close(fd) }
        send(bytes, to: fd)
        if ending == .close { return "" }
        if ending == .halfClose { shutdown(fd, Int32(SHUT_WR)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isComplete(received) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            received += buffer[..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Whether `bytes` hold a whole answer: its head and as many body bytes as its Content-Length says.
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return false }
        return text[end.upperBound...].utf8.count >= length
    }
}
