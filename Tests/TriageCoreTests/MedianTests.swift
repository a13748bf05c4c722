import Foundation
import Testing

@testable import TriageCore

/// The weekly medians come from a selection, not a sort: checked against a sort on many shapes of input.
@Suite struct MedianTests {
    @Test(arguments: [1, 2, 3, 4, 5, 10, 11, 100, 101, 1000])
    func selectionAgreesWithASort(count: Int) {
        var rng = SeededGenerator(seed: UInt64(count))
        let shapes: [[Double]] = [
            (0..<count).map { _ in Double(rng.next() % 1000) },  // many ties
            (0..<count).map { Double($0) },  // sorted
            (0..<count).map { Double(count - $0) },  // reversed
            Array(repeating: 7, count: count),  // all equal
            (0..<count).map { _ in Double(rng.next() % 1_000_000) / 7 },
        ]
        for values in shapes {
            let sorted = values.sorted()
            let mid = sorted.count / 2
            let expected = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
            #expect(WeeklyStats.median(values) == expected)
        }
        #expect(WeeklyStats.median([]) == nil)
    }
}
