import Foundation
import Hummingbird
import Logging
import NIOCore

/// A scripted Discord on 127.0.0.1 for tests (design §8.4): execute-webhook, DM-channel and create-message routes
/// under `/api/v10`, validation of payloads as Discord does it (400 `50035`), scripted answers per webhook or channel
/// id (429s with Discord's headers, 5xx, 404 `10015`, 401, dropped connections, slow answers), and a record of
/// every request with its monotonic arrival time.
///
/// ```swift
/// let discord = try await FakeDiscord.start()
/// defer { Task { await discord.stop() } }
/// await discord.script(webhook: "1", [.rateLimited(retryAfter: 1.5, global: false)])
/// // POST to discord.webhookURL(id: "1", token: "abc") …
/// let requests = try await discord.waitForRequests(count: 2, timeout: .seconds(5))
/// ```
public final class FakeDiscord: Sendable {
    /// How the fake answers one request.
    public enum Behaviour: Sendable, Equatable {
        /// 200 with the created message (`{"id": "<snowflake>", …}`) after validating it; the default.
        case ok
        /// 200 like `.ok`, with `X-RateLimit-Remaining: 0` and `X-RateLimit-Reset-After: resetAfter`.
        case okBucketEmpty(resetAfter: Double)
        /// 429 with `Retry-After`, `X-RateLimit-*` headers (`Scope: user`, or `Global: true` + `Scope: global`)
        /// and the JSON body `{"message", "retry_after", "global"}`; `inBody: false` leaves `retry_after` and
        /// `global` out of the body so that only the headers tell.
        case rateLimited(retryAfter: Double, global: Bool, inBody: Bool = true)
        /// That status (502 by default) with a plain-text body, as a proxy in front of Discord answers.
        case serverError(Int = 502)
        /// 404 `{"message": "Unknown Webhook", "code": 10015}`.
        case unknownWebhook
        /// 401 `{"message": "401: Unauthorized", "code": 0}`.
        case unauthorized
        /// Reads the whole request, then closes the connection without answering.
        case drop
        /// Waits this many seconds, then answers like `.ok`.
        case slow(Double)
        /// Any other answer: this status and JSON body (e.g. 403 `{"code": 50007, …}`).
        case respond(status: Int, json: String)
    }

    /// One request as the fake received it.
    public struct RecordedRequest: Sendable {
        public let method: String
        /// The path without the query (`/api/v10/webhooks/1/abc`).
        public let path: String
        public let query: String?
        /// Header names in lower case; repeated headers joined with ", ".
        public let headers: [String: String]
        public let body: [UInt8]
        public let arrival: ContinuousClock.Instant
        /// The webhook id, or the channel id of a create-message request.
        public let webhookID: String?
        public let channelID: String?

        public var bodyText: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object, if it is one.
        public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    /// A message the fake accepted and "posted".
    public struct PostedMessage: Sendable {
        public let id: String
        public let channelID: String?
        public let webhookID: String?
        public let body: [UInt8]
        public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    /// `waitForRequests` ran out of time.
    public struct Timeout: Error, CustomStringConvertible {
        public let expected: Int
        public let received: Int
        public var description: String { "FakeDiscord: expected \(expected) requests, received \(received)" }
    }

    public let port: Int
    let state: FakeDiscordState
    private let server: Task<Void, any Error>

    private init(port: Int, state: FakeDiscordState, server: Task<Void, any Error>) {
        self.port = port
        self.state = state
        self.server = server
    }

    /// Starts the fake on 127.0.0.1 and a free port; bot routes accept `Authorization: Bot <botToken>` only.
    public static func start(botToken: String = "fake-bot-token") async throws -> FakeDiscord {
        let state = FakeDiscordState(botToken: botToken)
        let router = Router(context: FakeDiscordContext.self)
        FakeDiscordRoutes(state: state).register(on: router)
        FakeDiscordRoutes(state: state).registerInteractions(on: router)
        var logger = Logger(label: "FakeDiscord")
        logger.logLevel = .critical
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "FakeDiscord"),
            onServerRunning: { channel in sink.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let server = Task {
            defer { sink.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        guard let port = await ports.first(where: { _ in true }), port > 0 else {
            server.cancel()
            throw CancellationError()
        }
        return FakeDiscord(port: port, state: state, server: server)
    }

    /// Stops the server (in-flight slow answers are cut short).
    public func stop() async {
        server.cancel()
        _ = await server.result
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The bot API base: `http://127.0.0.1:PORT/api/v10`.
    public var apiBase: String { "\(baseURL)/api/v10" }

    /// A webhook URL as Discord's UI copies it (no API version): `http://127.0.0.1:PORT/api/webhooks/ID/TOKEN`.
    public func webhookURL(id: String, token: String = "secret-token") -> String {
        "\(baseURL)/api/webhooks/\(id)/\(token)"
    }

    // MARK: Scripts and records

    /// Queues answers for a webhook id; once they are used up, the webhook answers `.ok`.
    public func script(webhook id: String, _ behaviours: [Behaviour]) async {
        await state.script("webhook:\(id)", behaviours)
    }

    /// Queues answers for create-message requests on a channel id.
    public func script(channel id: String, _ behaviours: [Behaviour]) async {
        await state.script("channel:\(id)", behaviours)
    }

    /// Every request so far, in arrival order.
    public func requests() async -> [RecordedRequest] { await state.requests }

    /// Every message posted so far (a repeated nonce posts nothing).
    public func messages() async -> [PostedMessage] { await state.messages }

    /// Waits until at least `count` requests arrived (woken by each arrival, no polling); throws `Timeout` if
    /// `timeout` passes first.
    @discardableResult
    public func waitForRequests(count: Int, timeout: Duration = .seconds(10)) async throws -> [RecordedRequest] {
        let requests = await state.waitForRequests(count: count, timeout: timeout)
        guard requests.count >= count else { throw Timeout(expected: count, received: requests.count) }
        return requests
    }

    /// How many callers of `waitForRequests` are waiting (for tests of the waiting itself).
    public func waitingCount() async -> Int { await state.waiting }

    /// The most requests a webhook ever had in flight at once (1 when deliveries to it are serialised).
    public func maxInFlight(webhook id: String) async -> Int { await state.maxInFlight("webhook:\(id)") }

    /// The DM channel id the fake gives `userID`.
    public func dmChannel(for userID: String) async -> String { await state.dmChannel(for: userID) }
}

/// The fake's request context: Hummingbird's basics plus the connection's channel, so that `.drop` can close it.
struct FakeDiscordContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
