import Foundation

/// An ISO 8601 week (`2026-W47`), in UTC: Monday 00:00 to the next Monday. Week 1 holds the year's first Thursday,
/// so a week can start in December of the year before (2026-W01 starts on 2025-12-29).
public struct ISOWeek: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let week: Int

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The week holding `date`.
    public init(containing date: Date) {
        let parts = Self.calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        year = parts.yearForWeekOfYear!
        week = parts.weekOfYear!
    }

    /// Parses `2026-W47` (also `2026-w47`, `2026W47`); throws naming the field `week` when malformed or out of range.
    public init(parsing text: String) throws(TicketError) {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = upper.replacingOccurrences(of: "-W", with: "W").split(separator: "W")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let week = Int(parts[1]), (1...53).contains(week),
            (1970...9999).contains(year)
        else {
            throw .invalidField(field: "week", message: "week '\(text)' must be an ISO week like 2026-W47")
        }
        let candidate = ISOWeek(uncheckedYear: year, week: week)
        guard ISOWeek(containing: candidate.start) == candidate else {
            throw .invalidField(field: "week", message: "week '\(text)': \(year) has no week \(week)")
        }
        self = candidate
    }

    init(uncheckedYear year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// Monday 00:00 UTC.
    public var start: Date {
        Self.calendar.date(from: DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year))!
    }

    /// The next Monday 00:00 UTC (exclusive end).
    public var end: Date { start.addingTimeInterval(7 * 86_400) }

    public var previous: ISOWeek { ISOWeek(containing: start.addingTimeInterval(-86_400)) }
    public var next: ISOWeek { ISOWeek(containing: end.addingTimeInterval(86_400)) }

    public func contains(_ date: Date) -> Bool { date >= start && date < end }

    public var description: String { String(format: "%04d-W%02d", year, week) }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    public init(from decoder: any Decoder) throws {
        self = try ISOWeek(parsing: decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
