import Foundation

/// What one day adds to the per-day counters (`day_counts`) that the weekly stats read: tickets created (also per
/// current category), closes (and how many met their due time), reopens, tickets resolved (a ticket's first close in
/// its ISO week, with its time from creation and its SLA budget), first responses (with their time), ratings per
/// star, and the changes in the two open-ticket KPI counts. The backlog at any instant that starts a day is
/// Σ (opened + reopened − closed) over the days before it, and the KPI counts Σ unassigned and Σ critical. A change
/// adds to the day it happens on — only a category change moves a ticket between its creation day's categories
/// (shares are by current category) — so a week's figures are sums over its seven rows, whatever its volume.
public struct DayCounts: Sendable, Equatable {
    public var opened = 0
    public var closed = 0
    public var reopened = 0
    public var resolved = 0
    public var unassigned = 0
    public var critical = 0
    public var cyclesMet = 0
    public var resolvedSeconds = 0.0
    public var resolvedSLAHours = 0.0
    public var responses = 0
    public var responseSeconds = 0.0
    /// Tickets created, per category in `Category.allCases` order.
    public var openedByCategory = Array(repeating: 0, count: Category.allCases.count)
    /// Ratings given, per star (index 0 is one star).
    public var stars = [0, 0, 0, 0, 0]

    /// Every counter with its column: the one list the upsert, the week's sums and the migration's columns follow.
    public var columns: [(name: String, value: Double)] {
        [
            ("opened", Double(opened)), ("closed", Double(closed)), ("reopened", Double(reopened)), ("resolved", Double(resolved)),
            ("unassigned", Double(unassigned)), ("critical", Double(critical)), ("cycles_met", Double(cyclesMet)),
            ("resolved_seconds", resolvedSeconds), ("resolved_sla_hours", resolvedSLAHours), ("responses", Double(responses)),
            ("response_seconds", responseSeconds),
        ]
            + zip(Category.allCases, openedByCategory).map { ("opened_\($0.rawValue)", Double($1)) }
            + stars.enumerated().map { ("stars_\($0.offset + 1)", Double($0.element)) }
    }

    /// The counters back from `columns`' values, in the same order.
    public init(values: [Double]) {
        var next = values.makeIterator()
        func int() -> Int { Int(next.next() ?? 0) }
        (opened, closed, reopened, resolved, unassigned, critical, cyclesMet) = (int(), int(), int(), int(), int(), int(), int())
        resolvedSeconds = next.next() ?? 0
        resolvedSLAHours = next.next() ?? 0
        responses = int()
        responseSeconds = next.next() ?? 0
        openedByCategory = Category.allCases.map { _ in int() }
        stars = (1...5).map { _ in int() }
    }

    public init() {}

    public static let columnNames = DayCounts().columns.map(\.name)

    public var isZero: Bool { columns.allSatisfy { $0.value == 0 } }

    public static func += (a: inout DayCounts, b: DayCounts) {
        a = DayCounts(values: zip(a.columns, b.columns).map { $0.value + $1.value })
    }

    /// Counts `ticket`'s creation in its category.
    public mutating func open(_ category: Category, by delta: Int = 1) {
        opened += delta
        moveCategory(to: category, by: delta)
    }

    public mutating func moveCategory(to category: Category, by delta: Int) {
        openedByCategory[Category.allCases.firstIndex(of: category)!] += delta
    }

    public mutating func rate(_ stars: Int) {
        if (1...5).contains(stars) { self.stars[stars - 1] += 1 }
    }
}
