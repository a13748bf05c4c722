import Dispatch
import Synchronization
import TriageCore

/// Runs the console's async store calls to their end from its worker thread. The calls run on a serial queue of
/// their own (a task executor), never on Swift's shared pool: the worker waits for them, and a thread of that small
/// pool (one per core) blocked in such a wait could leave none to run the call itself.
public final class StoreCalls: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "triage.console.store")

    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    /// `body`'s result, waited for on the calling thread (which must not be this executor's queue). The store
    /// throws `TicketError`s; anything else is a storage error.
    public func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws(TicketError) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, TicketError>?>(nil)
        Task(executorPreference: self) {
            let outcome: Result<T, TicketError>
            do {
                outcome = .success(try await body())
            } catch let error as TicketError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(.storage("\(error)"))
            }
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
