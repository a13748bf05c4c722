import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// A ticket's place in the queue and the first-response estimate a requester is told, on both backends: every
/// requester's open tickets count, only the count is told.
@Suite struct PlaceConformanceTests {
    @Test("the place counts every requester's open tickets ahead; the estimate is the recent median first response", arguments: Backend.enabled)
    func place(backend: Backend) async throws {
        try await with(backend) { store in
            // Six answered tickets of another user's (1h to 6h to a first response), then two open ones of theirs
            for n in 1...6 {
                let id = try await C.open(store, for: C.other, .technical, .medium, subject: "T\(n)", at: 0).id.rawValue
                _ = try await store.reply(id, body: "Bonjour", internal: false, keepOpen: false, as: C.agent, now: C.at(Double(n)))
            }
            _ = try await C.open(store, for: C.other, .technical, .critical, subject: "Ahead 1", at: 7)
            _ = try await C.open(store, for: C.other, .technical, .critical, subject: "Ahead 2", at: 7.5)
            let mine = try await C.open(store, .technical, .medium, subject: "Mine", at: 8)
            let place = try await store.place(of: mine.id, as: C.user, now: C.at(8))
            #expect(place.place == 3)
            // Medium had six samples (≥ 5): their median, 3.5h
            #expect(place.estimate == CommandText.Estimate(medianHours: 3.5, samples: 6, weeks: QueuePlace.estimateWeeks, priority: .medium))
            // Another user's ticket does not exist for the requester
            let foreign = try await C.open(store, for: C.other, .billing, .low, subject: "Theirs", at: 9)
            #expect(await C.error { _ = try await store.place(of: foreign.id, as: C.user, now: C.at(9)) } == .noTicket(foreign.id.rawValue))
        }
    }
}
