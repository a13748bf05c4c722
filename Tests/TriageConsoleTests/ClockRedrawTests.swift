import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// A one-second tick redraws only when a text on screen can have changed (`nextTimeChange`): checked against the
/// frames themselves.
@Suite struct ClockRedrawTests {
    typealias F = ConsoleFixture

    @Test(arguments: [0.0, 17.5, 1_234.25]) func countdownsAndAgesKeepTheirTextUntilTheirNextStep(offset: Double) {
        for base in stride(from: -400_000.0, through: 400_000.0, by: 7_919.3) {
            let seconds = base + offset
            let steady = DurationText.countdownSteady(seconds)
            // (up to a millisecond before the step: at the step itself the text changes)
            for passed in stride(from: 0.0, to: steady - 0.001, by: max(1, steady / 7)) {
                #expect(DurationText.countdown(seconds - passed) == DurationText.countdown(seconds), "\(seconds) after \(passed)")
            }
            let age = abs(seconds)
            let ageSteady = DurationText.ageSteady(age)
            for passed in stride(from: 0.0, to: ageSteady - 0.001, by: max(1, ageSteady / 7)) {
                #expect(DurationText.age(age + passed) == DurationText.age(age), "age \(age) after \(passed)")
            }
        }
    }

    @Test func noFrameChangesBeforeTheNextTimeChange() {
        // Given the queue with its detail open beside it, for ten minutes of one-second ticks
        var state = F.state(width: 160, height: 24)
        state.detail = F.detail(F.tickets[1])
        var drawnAt = F.now
        var drawn = F.render(state)
        var next = state.nextTimeChange(now: drawnAt)
        var redraws = 0
        for second in 1...600 {
            let now = F.now.addingTimeInterval(Double(second))
            let frame = ConsoleView.render(state, theme: BuiltinThemes.dark, glyphs: .unicode, now: now)
            if now < next {
                // Then until the next change the frame is the one drawn
                #expect(frame == drawn, "at +\(second)s, drawn at \(drawnAt), next \(next)")
            } else {
                redraws += 1
                (drawn, drawnAt) = (frame, now)
                next = state.nextTimeChange(now: now)
            }
        }
        // And far fewer than 600 redraws were needed (at least one a minute, for the wall clock)
        #expect(redraws >= 10 && redraws < 200, "\(redraws)")
    }
}
