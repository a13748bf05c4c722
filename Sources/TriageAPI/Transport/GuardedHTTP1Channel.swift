import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 channel with `ProtocolGuard` between NIO's HTTP/1 parser and the conversion to HTTP types
/// (where the request's version and a parse error before any request are still visible).
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel
    let bodyTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let codec = try operations.handler(type: HTTP1ToHTTPServerCodec.self)
            try operations.addHandler(ProtocolGuard(logger: logger, bodyTimeout: bodyTimeout), position: .before(codec))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async { await http1.handle(value: value, logger: logger) }
}

extension HTTPServerBuilder {
    /// HTTP/1 with `ProtocolGuard`.
    static func guardedHTTP1(idleTimeout: TimeAmount, bodyTimeout: TimeAmount) -> HTTPServerBuilder {
        .init { responder in
            GuardedHTTP1Channel(
                http1: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout)), bodyTimeout: bodyTimeout)
        }
    }
}
