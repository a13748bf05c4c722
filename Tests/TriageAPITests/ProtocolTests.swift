import Foundation
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import TriageAPI

#if canImport(Glibc)
    import Glibc
#endif

/// What the HTTP layer answers itself (`ProtocolGuard`), over a real socket: requests that are not HTTP get the JSON
/// error and a log line, `Expect: 100-continue` is answered, HTTP/1.0 is closed after its answer and refused without
/// a length, a trickling body is cut with 408.
@Suite struct ProtocolTests {
    @Test(
        "a request that is not HTTP gets the JSON error, a log line, and the connection closes",
        arguments: [
            ("FOO@ /api/health HTTP/1.1\r\nHost: x\r\n\r\n", "400", "malformed_request"),
            ("GET /api/health HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", "400", "malformed_request"),
            ("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 90_000) + "\r\n\r\n", "431", "headers_too_large"),
        ])
    func notHTTP(request: String, status: String, code: String) async throws {
        try await LiveServer.run { server in
            let answers = try await Conversation.run(port: server.port, [.send(request), .readToClose])
            #expect(answers[0].hasPrefix("HTTP/1.1 \(status)"), "\(answers[0].prefix(200))")
            #expect(answers[0].contains(#"{"error":{"code":"\#(code)""#))
            #expect(answers[0].lowercased().contains("content-type: application/json"))
            #expect(answers[0].hasSuffix(Conversation.closed))
            #expect(await server.logs.line { $0.hasPrefix("- - \(status) ") } != nil)
            #expect(server.logs.errors.isEmpty)
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        try await LiveServer.run { server in
            let body = #"{"user_id": "123456789012345678", "subject": "Paiement", "category": "billing", "description": "x"}"#
            let head = server.filled(TransportTests.create) + "Content-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n"
            // The client sends its head and waits for 100 Continue before its body
            let answers = try await Conversation.run(
                port: server.port, [.send(head), .read(until: "\r\n\r\n"), .send(body), .read(until: "}")])
            #expect(answers[0].hasPrefix("HTTP/1.1 100 Continue\r\n"), "\(answers[0])")
            #expect(answers[1].hasPrefix("HTTP/1.1 201"), "\(answers[1].prefix(200))")
        }
    }

    @Test func http10IsClosedAfterItsAnswerUnlessKeptAliveAndABodyNeedsALength() async throws {
        try await LiveServer.run { server in
            // A plain HTTP/1.0 request: answered, then the connection closes
            let plain = try await Conversation.run(port: server.port, [.send("GET /api/health HTTP/1.0\r\n\r\n"), .readToClose])
            #expect(plain[0].hasPrefix("HTTP/1.1 200"))
            #expect(plain[0].lowercased().contains("connection: close"))
            #expect(plain[0].hasSuffix(#"{"status":"ok"}"# + Conversation.closed))
            // With keep-alive: a second request on the same connection is answered
            let kept = "GET /api/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
            let twice = try await Conversation.run(
                port: server.port, [.send(kept), .read(until: "}"), .send(kept), .read(until: "}")])
            #expect(twice.allSatisfy { $0.hasPrefix("HTTP/1.1 200") })
            // A body with no Content-Length (it would end only with the connection): 411
            let noLength = server.filled("POST /api/tickets HTTP/1.0\r\nAuthorization: Bearer {agent}\r\nContent-Type: application/json\r\n\r\n{}")
            let refused = try await Conversation.run(port: server.port, [.send(noLength), .readToClose])
            #expect(refused[0].hasPrefix("HTTP/1.1 411"), "\(refused[0].prefix(200))")
            #expect(refused[0].contains(#""code":"length_required""#))
        }
    }

    @Test func aTricklingBodyIsCutWith408() async throws {
        try await LiveServer.run(bodyTimeout: .milliseconds(300)) { server in
            // Given a client that sends its head and a few bytes of a 100-byte body, then nothing
            let head = server.filled(TransportTests.create) + "Content-Length: 100\r\n\r\n{\"sub"
            let answers = try await Conversation.run(port: server.port, [.send(head), .readToClose])
            // Then the server answers 408 and closes, without waiting for the rest
            #expect(answers[0].hasPrefix("HTTP/1.1 408"), "\(answers[0].prefix(200))")
            #expect(answers[0].contains(#""code":"request_timeout""#))
            #expect(answers[0].hasSuffix(Conversation.closed))
            #expect(server.logs.errors.isEmpty, "\(server.logs.errors)")
        }
    }
}

/// `ProtocolGuard` on a graceful shutdown, on an embedded channel (the moment the server is told to stop is chosen
/// exactly, which a real socket cannot do).
@Suite struct ProtocolGuardShutdownTests {
    func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: ProtocolGuard(logger: Logger(label: "test"), bodyTimeout: .seconds(30)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    func request(_ channel: EmbeddedChannel) throws {
        try channel.writeInbound(HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/api/health")))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
    }

    /// Answers the request the router would, and returns the head that went out.
    func answer(_ channel: EmbeddedChannel) throws -> HTTPResponseHead? {
        try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok)))
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        var head: HTTPResponseHead?
        while let part = try channel.readOutbound(as: HTTPServerResponsePart.self) {
            if case .head(let written) = part { head = written }
        }
        return head
    }

    @Test func aRequestArrivingJustAfterTheStopIsAnsweredThenTheConnectionCloses() throws {
        let channel = try channel()
        // Given a kept-alive connection, idle after a first answer that keeps it open
        try request(channel)
        #expect(try answer(channel)?.headers["connection"].isEmpty == true)
        // When the server is told to stop (SIGTERM) and a request was already on its way
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(channel.isActive)
        try request(channel)
        // Then it is answered, saying the connection closes, and the connection closes
        #expect(try answer(channel)?.headers["connection"] == ["close"])
        #expect(!channel.isActive)
    }

    @Test func anIdleConnectionClosesAfterTheGrace() throws {
        let channel = try channel()
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        channel.embeddedEventLoop.advanceTime(by: ProtocolGuard.shutdownGrace - .milliseconds(1))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive)
    }

    @Test func aRequestInProgressIsAnsweredThenTheConnectionCloses() throws {
        let channel = try channel()
        try request(channel)
        channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        #expect(try answer(channel)?.headers["connection"] == ["close"])
        #expect(!channel.isActive)
    }
}

/// A scripted exchange over one TCP socket, on a Dispatch thread (the socket calls block; a read gives up after 10 s,
/// so a broken server fails the test instead of hanging it).
enum Conversation {
    enum Step: Sendable {
        case send(String)
        /// Reads until the text read since the last read contains `until`; the text is one answer.
        case read(until: String)
        /// Reads until the server closes; the answer ends with `closed`.
        case readToClose
    }

    static let closed = "<closed>"

    static func run(port: Int, _ steps: [Step]) async throws -> [String] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try blocking(port: port, steps) }) }
        }
    }

    private static func blocking(port: Int, _ steps: [Step]) throws -> [String] {
        let fd = try RawHTTP.connected(port: port)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var answers: [String] = []
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for step in steps {
            switch step {
            case .send(let text):
                RawHTTP.send(Array(text.utf8), to: fd)
            case .read(let until):
                while !String(decoding: pending, as: UTF8.self).contains(until) {
                    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    guard n > 0 else { break }
                    pending += buffer[..<n]
                }
                let text = String(decoding: pending, as: UTF8.self)
                let end = text.range(of: until).map { text[..<$0.upperBound] } ?? text[...]
                answers.append(String(end))
                pending = Array(text[end.endIndex...].utf8)
            case .readToClose:
                while true {
                    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if n == 0 {
                        answers.append(String(decoding: pending, as: UTF8.self) + closed)
                        break
                    }
                    guard n > 0 else {
                        answers.append(String(decoding: pending, as: UTF8.self))
                        break
                    }
                    pending += buffer[..<n]
                }
                pending = []
            }
        }
        return answers
    }
}
