import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import TriageCore
import TriageStore

/// Checkpoints the store's WAL every `interval` while the server runs, and once more after it has stopped, on a
/// Dispatch thread so that the disk sync never occupies one of the few threads that answer requests.
struct CheckpointService: Service {
    let checkpointer: WALCheckpointer
    let logger: Logger
    var interval: Duration = .milliseconds(250)

    func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await checkpoint()
            }
        }
        await checkpoint()
    }

    func checkpoint() async {
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { [checkpointer] in
                continuation.resume(returning: Result { () throws(TicketError) in try checkpointer.checkpoint() })
            }
        }
        if case .failure(let error) = result {
            logger.warning("WAL checkpoint failed (the next one will retry): \(error.description)")
        }
    }
}
