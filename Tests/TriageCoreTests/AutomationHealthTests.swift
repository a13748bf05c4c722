import Foundation
import Testing
import TriageCore

/// How the console judges the runners from `AutomationHealth`: a pass in the last two minutes is healthy.
@Suite struct AutomationHealthTests {
    static let now = Date(timeIntervalSince1970: 1_795_600_800)

    @Test(arguments: [
        (12.0, AutomationHealth.Runner.passing(age: 12)), (120, .passing(age: 120)), (121, .stale(age: 121)), (420, .stale(age: 420)),
    ])
    func aRunnerIsStaleAfterTwoMinutesWithoutAPass(age: TimeInterval, expected: AutomationHealth.Runner) {
        let health = AutomationHealth(lastPassAt: Self.now.addingTimeInterval(-age), runningRunners: 1)
        #expect(health.runner(now: Self.now) == expected)
    }

    @Test func noPassYetNoRunnerAndStoppedRunners() {
        #expect(AutomationHealth(runningRunners: 1).runner(now: Self.now) == .stale(age: nil))
        #expect(AutomationHealth().runner(now: Self.now) == .none)
        // Every runner stopped cleanly: whatever its last pass, nothing runs now
        #expect(AutomationHealth(lastPassAt: Self.now, runningRunners: 0).runner(now: Self.now) == .none)
    }

    @Test func aRunnerJustStartedIsStartingForTwoMinutesThenStale() {
        func health(lastPass: TimeInterval?, started: TimeInterval) -> AutomationHealth.Runner {
            AutomationHealth(
                lastPassAt: lastPass.map { Self.now.addingTimeInterval(-$0) }, lastStartAt: Self.now.addingTimeInterval(-started),
                runningRunners: 1
            ).runner(now: Self.now)
        }
        #expect(health(lastPass: nil, started: 5) == .starting)
        #expect(health(lastPass: 3600, started: 120) == .starting)
        #expect(health(lastPass: nil, started: 121) == .stale(age: nil))
        #expect(health(lastPass: 3600, started: 121) == .stale(age: 3600))
        // Another runner passing meanwhile: passing
        #expect(health(lastPass: 20, started: 5) == .passing(age: 20))
        // A pass since the start that is now old: stale, whatever the start
        #expect(health(lastPass: 200, started: 300) == .stale(age: 200))
    }
}
