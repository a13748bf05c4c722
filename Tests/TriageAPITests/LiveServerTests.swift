import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// The server on a real socket on 127.0.0.1, on a store file that another process writes to at the same time; and
/// the `triage serve` binary stopping gracefully on SIGTERM.
@Suite struct LiveServerTests {
    static let binary: String = {
        let build = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build")
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("triage").path,
            build.appendingPathComponent("debug/triage").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    static func temporaryStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("triage-api-\(UUID().uuidString)/store.sqlite").path
    }

    @Test func realSocketWhileAnotherProcessWrites() async throws {
        // Given a store file with an agent token, and the server on a free port of 127.0.0.1
        let path = Self.temporaryStore()
        let store = try TicketStore.open(path: path)
        let agent = try store.createToken(role: .agent, userID: nil, name: "alice", as: .admin("root"), now: Date()).secret
        let service = try store.createToken(role: .service, userID: nil, name: "bot", as: .admin("root"), now: Date()).secret
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = try buildApplication(
            store: store, settings: APISettings(host: "127.0.0.1", port: 0, logLevel: .warning), onServerRunning: { portSink.yield($0) })
        let services = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let port = try #require(await ports.first { _ in true })
            let client = TestClient(host: "127.0.0.1", port: port, configuration: .init())
            client.connect()
            // When another process creates tickets in the same file while the API creates its own
            let cli = Process()
            cli.executableURL = URL(fileURLWithPath: "/bin/sh")
            cli.arguments = [
                "-c",
                "for i in 1 2 3 4 5 6 7 8; do \"$0\" --db \"$1\" ticket create \"CLI $i\" technical low \"Écrit par la CLI\" --user 42 >/dev/null || exit 1; done",
                Self.binary, path,
            ]
            // As an agent would run it: the CLI asks who acts when nothing names anyone
            cli.environment = ProcessInfo.processInfo.environment.merging(["TRIAGE_AGENT": "alice"]) { $1 }
            try cli.run()
            let auth: HTTPFields = [.authorization: "Bearer \(service)"]
            for n in 0..<12 {
                let body = #"{"user_id": "42", "category": "billing", "subject": "API \#(n)", "description": "Écrit par l'API"}"#
                let created = try await client.post("/api/tickets", headers: auth, body: ByteBuffer(string: body))
                #expect(created.status == .created)
            }
            while cli.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            #expect(cli.terminationStatus == 0)
            // Then the API sees every ticket of both processes at once
            let list = try await client.get("/api/tickets?limit=500", headers: [.authorization: "Bearer \(agent)"])
            let text = String(buffer: list.body ?? ByteBuffer())
            let tickets = (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["tickets"] as? [[String: Any]] ?? []
            #expect(tickets.count == 20)
            #expect(tickets.filter { ($0["subject"] as? String)?.hasPrefix("CLI ") == true }.count == 8)
            // And the bot reads a CLI-made ticket for its user
            let cliTicket = try #require(tickets.first { ($0["subject"] as? String) == "CLI 1" }?["ticket_id"] as? String)
            let view = try await client.get("/api/tickets/\(cliTicket)?user_id=42", headers: auth)
            #expect(view.status == .ok)
            try await client.shutdown()
            await services.triggerGracefulShutdown()
        }
    }

    @Test func serveStopsGracefullyOnSIGTERM() async throws {
        // Given `triage serve` on a free port
        let path = Self.temporaryStore()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.binary)
        server.arguments = ["serve", "--db", path, "--port", "0"]
        let stderr = Pipe()
        server.standardError = stderr
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        // When it has said where it listens, answered a request, and is sent SIGTERM
        // (Blocking reads on a Dispatch thread, and a connection opened when the request is sent: a busy test run
        // may leave this task waiting for a long while, longer than the server keeps an idle connection.)
        let reader = stderr.fileHandleForReading
        var log = await withCheckedContinuation { (done: CheckedContinuation<String, Never>) in
            DispatchQueue.global().async {
                var log = ""
                while !log.contains("listening on http://"), server.isRunning {
                    log += String(decoding: reader.availableData, as: UTF8.self)
                }
                done.resume(returning: log)
            }
        }
        let address = try #require(log.range(of: "http://127.0.0.1:"))
        let port = try #require(Int(log[address.upperBound...].prefix { $0.isNumber }))
        let answer = try await RawHTTP.exchange(port: port, "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        kill(server.processIdentifier, SIGTERM)
        while server.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        // Then it stops cleanly, after logging the request
        log += String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(server.terminationStatus == 0, "\(log)")
        #expect(log.contains("GET /api/health 200"))
        #expect(log.contains("stopped"))
    }
}
