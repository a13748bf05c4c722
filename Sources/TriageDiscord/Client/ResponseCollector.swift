import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// An HTTP answer as the classification needs it.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
}

/// Collects one response (head, and the body up to a cap) and records whether the request was fully written to the
/// socket: that is what tells a lost answer (`ambiguous`: Discord may have posted it) from a request that never
/// left (`retry`), which AsyncHTTPClient's async API does not expose.
final class ResponseCollector: HTTPClientResponseDelegate {
    typealias Response = HTTPAnswer

    private struct State {
        var requestSent = false
        var head: HTTPResponseHead?
        var body: [UInt8] = []
    }

    private let state = Mutex(State())
    /// Enough for any Discord message or error; a longer body is cut (only ids and error fields are read).
    static let bodyCap = 256 * 1024

    /// The request head and body were fully written.
    var requestWasSent: Bool { state.withLock { $0.requestSent } }
    /// The status of the answer's head, once it arrived.
    var receivedStatus: Int? { state.withLock { $0.head.map { Int($0.status.code) } } }

    func didSendRequest(task: HTTPClient.Task<HTTPAnswer>) {
        state.withLock { $0.requestSent = true }
    }

    func didReceiveHead(task: HTTPClient.Task<HTTPAnswer>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLock { $0.head = head }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<HTTPAnswer>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        state.withLock { state in
            let room = Self.bodyCap - state.body.count
            if room > 0 { state.body += buffer.readableBytesView.prefix(room) }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveError(task: HTTPClient.Task<HTTPAnswer>, _ error: any Error) {}

    func didFinishRequest(task: HTTPClient.Task<HTTPAnswer>) throws -> HTTPAnswer {
        state.withLock { state in
            let head = state.head
            return HTTPAnswer(
                status: Int(head?.status.code ?? 0), headers: head?.headers.map { ($0.name, $0.value) } ?? [], body: state.body)
        }
    }
}
