import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// What the HTTP layer answers itself, on NIO's HTTP/1 parts (where the request's version is still known), before a
/// request reaches the router:
///
/// - a request that is not HTTP (bad method, bad header, headers over the limit) gets the API's JSON error (400, or
///   431 for headers too large) and an access-log line, then the connection closes;
/// - `Expect: 100-continue` is answered `100 Continue` at once, so a client that waits for it sends its body;
/// - an HTTP/1.0 request with a body method and no `Content-Length` (its body would end only with the connection) is
///   refused with 411;
/// - a body still incomplete `bodyTimeout` after its head is cut with 408 (a client trickling bytes holds a
///   connection and a request slot for nothing);
/// - an answer to a request that did not ask to keep the connection (HTTP/1.0 without `keep-alive`, or
///   `Connection: close`) says `Connection: close` and the connection closes once it is written.
///
/// - on a graceful shutdown (SIGTERM), every answer still to come says `Connection: close`; an idle keep-alive
///   connection is kept for `shutdownGrace`, so a request already on its way is answered (then the connection
///   closes) instead of meeting a closed socket.
///
/// A parse error inside a body is left to the request's handler, which answers it (`TransportTests`).
final class ProtocolGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let logger: Logger
    let bodyTimeout: TimeAmount
    /// The request being read (from its head to its end: nil between requests), for the log line.
    private var head: HTTPRequestHead?
    private var bodyDeadline: Scheduled<Void>?
    /// Whether the answer to the current request has begun (a handler may answer before reading the whole body).
    private var answering = false
    private var closeAfterAnswer = false
    /// Answered here: the rest of the input is dropped and a late answer from the router is not written.
    private var refused = false
    /// Requests read and not yet fully answered.
    private var inProgress = 0
    private var shuttingDown = false
    private var graceClose: Scheduled<Void>?
    /// How long an idle connection stays open after the server is told to stop.
    static let shutdownGrace: TimeAmount = .seconds(1)

    init(logger: Logger, bodyTimeout: TimeAmount) {
        self.logger = logger
        self.bodyTimeout = bodyTimeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            answering = false
            inProgress += 1
            graceClose?.cancel()
            graceClose = nil
            closeAfterAnswer = !head.isKeepAlive || shuttingDown
            let length = head.headers.first(name: "content-length")
            let chunked = head.headers[canonicalForm: "transfer-encoding"].contains { $0.lowercased() == "chunked" }
            if head.version.major == 1, head.version.minor == 0, [.POST, .PUT, .PATCH].contains(head.method), length == nil {
                refuse(
                    context, .lengthRequired, code: "length_required",
                    message: "an HTTP/1.0 request with a body must say its Content-Length")
                return
            }
            if head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
            if chunked || (length.flatMap(Int.init) ?? 0) > 0 {
                let loop = context.eventLoop.assumeIsolated()
                bodyDeadline = loop.scheduleTask(in: bodyTimeout) { [weak self] in self?.bodyTimedOut(context) }
            }
        case .body:
            break
        case .end:
            head = nil
            bodyDeadline?.cancel()
            bodyDeadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !refused else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var response) where response.status.code >= 200:
            answering = true
            if closeAfterAnswer { response.headers.replaceOrAdd(name: "connection", value: "close") }
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end where closeAfterAnswer:
            inProgress -= 1
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        case .end:
            inProgress -= 1
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        shuttingDown = true
        closeAfterAnswer = true
        guard inProgress == 0 else {
            // Requests in progress: Hummingbird closes once they are answered (and they say so).
            context.fireUserInboundEventTriggered(event)
            return
        }
        // Idle: a request may already be on its way; it is answered if it comes within the grace.
        graceClose = context.eventLoop.assumeIsolated().scheduleTask(in: Self.shutdownGrace) { [weak self] in
            guard let self, self.inProgress == 0 else { return }
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Inside a body: the request's handler is reading it and answers the error itself.
        guard let parse = error as? HTTPParserError, head == nil else {
            context.fireErrorCaught(error)
            return
        }
        if case .headerOverflow = parse {
            refuse(
                context, .requestHeaderFieldsTooLarge, code: "headers_too_large",
                message: "the request's headers are larger than the server accepts (80 KiB)")
        } else {
            refuse(context, .badRequest, code: "malformed_request", message: "the request is not valid HTTP/1.1 (\(Self.describe(parse)))")
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) { cancelTimers() }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        context.fireChannelInactive()
    }

    private func cancelTimers() {
        bodyDeadline?.cancel()
        bodyDeadline = nil
        graceClose?.cancel()
        graceClose = nil
    }

    private func bodyTimedOut(_ context: ChannelHandlerContext) {
        bodyDeadline = nil
        guard !refused else { return }
        if answering {
            // Already answered (before reading the body): nothing more to say, the connection just ends.
            refused = true
            context.close(promise: nil)
            return
        }
        refuse(
            context, .requestTimeout, code: "request_timeout",
            message: "the request's body did not arrive within \(bodyTimeout.nanoseconds / 1_000_000_000) s")
    }

    /// Answers `status` with the API's JSON error, logs the request like `AccessLogMiddleware`, and closes.
    private func refuse(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, code: String, message: String) {
        refused = true
        bodyDeadline?.cancel()
        bodyDeadline = nil
        let body = JSONResponse.encode(APIError.Body(error: .init(code: code, message: message, field: nil)))
        let id = String(UInt64.random(in: .min ... .max), radix: 16)
        let headers = HTTPHeaders([
            ("Content-Type", "application/json; charset=utf-8"), ("Content-Length", String(body.count)), ("Connection", "close"),
            ("X-Request-ID", id),
        ])
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        var logger = self.logger
        logger[metadataKey: "hb.request.id"] = .string(id)
        let client = head?.headers.first(name: "user-agent") ?? "-"
        logger.info(
            "\(head.map { "\($0.method.rawValue) \(Self.path($0.uri))" } ?? "- -") \(status.code) \(body.count)B",
            metadata: ["client": .string(client)])
    }

    /// The path of a request target, without its query (what the access log shows).
    static func path(_ uri: String) -> String { String(uri.prefix { $0 != "?" }) }

    static func describe(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidMethod: "unknown method"
        case .invalidHeaderToken, .invalidConstant, .lfExpected: "a header line is malformed"
        case .invalidVersion: "unknown HTTP version"
        case .invalidURL: "the request target is malformed"
        case .invalidContentLength, .unexpectedContentLength: "the Content-Length is invalid"
        case .invalidChunkSize: "the chunked body is malformed"
        default: "\(error)"
        }
    }
}
