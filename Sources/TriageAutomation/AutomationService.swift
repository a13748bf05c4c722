import Foundation
import Logging
import ServiceLifecycle
import TriageCore
import TriageStore

/// The runner as a long-lived service (`triage serve` hosts it beside the API; `triage automate` runs it alone).
///
/// It never sleeps on a fixed tick: after each pass it waits until the next due instant (a warning, a breach, a
/// page, a retry, a digest) or until another process commits to the store (`AutomationStoring.watchCommits`: SQLite's
/// `PRAGMA data_version`, PostgreSQL's ticket notifications; checked every `changePoll`), whichever comes first. A graceful shutdown finishes the pass in flight and releases
/// the rows this runner holds.
public struct AutomationService: Service {
    public let runner: AutomationRunner
    let clock: @Sendable () -> Date
    let changePoll: Duration

    public init(runner: AutomationRunner, clock: @escaping @Sendable () -> Date = { Date() }, changePoll: Duration = .milliseconds(100)) {
        self.runner = runner
        self.clock = clock
        self.changePoll = changePoll
    }

    public func run() async throws {
        let store = runner.store
        let logger = runner.logger
        try await store.runnerStarted(runner.owner, now: clock())
        let targets = runner.activeTargets.map(\.rawValue)
        let delivery =
            targets.isEmpty
            ? "no delivery target configured (notices are recorded, and cancelled)" : "delivering to \(targets.joined(separator: ", "))"
        logger.notice("automation runner \(runner.owner) started; \(delivery)")
        let watch = await store.watchCommits()
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                var nextWake: Date?
                let before = watch.version()
                do {
                    let report = try await runner.pass(now: clock)
                    nextWake = report.nextWake
                    if report.didWork {
                        logger.info("pass: \(report.summary)")
                        // This pass wrote to the store, which hides whether someone else did meanwhile: look again.
                        continue
                    }
                } catch {
                    logger.error("automation pass failed (retrying in 5 s): \(error)")
                    nextWake = clock().addingTimeInterval(5)
                }
                await waitForWork(until: nextWake, watch: watch, since: before)
            }
        } onGracefulShutdown: {
            logger.notice("automation runner stopping")
        }
        await watch.stop()
        try? await store.releaseLeases(owner: runner.owner)
        try? await store.runnerStopped(runner.owner, now: clock())
        logger.notice("automation runner stopped")
    }

    /// Sleeps until `deadline` (at most 30 s, so the health row stays fresh) or until the store's commit counter
    /// moves from `since` (someone committed).
    func waitForWork(until deadline: Date?, watch: any CommitSignal, since: Int?) async {
        let limit = clock().addingTimeInterval(30)
        let until = min(deadline ?? limit, limit)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let since, let now = watch.version(), now != since { return }
            let left = until.timeIntervalSince(clock())
            if left <= 0 { return }
            let step = min(Duration.milliseconds(Int64(left * 1000) + 1), changePoll)
            try? await Task.sleep(for: step)
        }
    }
}
