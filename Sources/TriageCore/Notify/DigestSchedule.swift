import Foundation

/// A wall-clock time of day, `HH:MM` (`09:00`), as the configuration writes the digest times.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// `nil` unless 0 ≤ hour ≤ 23 and 0 ≤ minute ≤ 59.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (`9:05` too); `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public static let nine = TimeOfDay(hour: 9, minute: 0)!

    public var description: String { String(format: "%02d:%02d", hour, minute) }
    var secondsIntoDay: Int { hour * 3600 + minute * 60 }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.secondsIntoDay < b.secondsIntoDay }
}

/// When the two scheduled posts of SPEC §6 fire: the reminder digest every day at a local time, the weekly report
/// every Monday at a local time, in the desk's time zone.
///
/// Pure: `now` comes in. Each firing has a key (the local date `2026-11-25`, or the ISO week that just ended
/// `2026-W47`) that the runner records as a unique fact, so a firing happens once whatever the clocks do. Across DST:
/// a local time that does not exist (02:30 on the spring-forward night) fires at the first valid instant after it
/// (03:00); one that happens twice fires at its first occurrence, and only once since keys are dates, never times.
///
/// Weekly stats are UTC ISO weeks (`ISOWeek`). East of UTC, Monday morning can come before the UTC week has ended
/// (Monday 09:00 in Auckland is Sunday 20:00 UTC), so the weekly report never fires before its week's UTC end.
public struct DigestSchedule: Sendable, Equatable {
    public var timeZone: TimeZone
    public var reminderAt: TimeOfDay
    public var weeklyAt: TimeOfDay

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!, reminderAt: TimeOfDay = .nine, weeklyAt: TimeOfDay = .nine) {
        self.timeZone = timeZone
        self.reminderAt = reminderAt
        self.weeklyAt = weeklyAt
    }

    /// One firing: its dedupe key and the instant it is due.
    public struct Occurrence: Sendable, Equatable, CustomStringConvertible {
        /// The local date (`2026-11-25`) or the ISO week reported (`2026-W47`).
        public var key: String
        public var at: Date
        /// The week the weekly report covers (nil for the reminder digest).
        public var week: ISOWeek?

        public init(key: String, at: Date, week: ISOWeek? = nil) {
            self.key = key
            self.at = at
            self.week = week
        }

        public var description: String { "\(key) @ \(Timestamp.string(at))" }
    }

    /// The latest reminder digest due at or before `now`.
    public func lastReminder(atOrBefore now: Date) -> Occurrence {
        var day = localDay(of: now)
        while reminder(on: day).at > now { day = day.adding(days: -1) }
        return reminder(on: day)
    }

    /// The first reminder digest due strictly after `now`.
    public func nextReminder(after now: Date) -> Occurrence {
        var day = localDay(of: now)
        while reminder(on: day).at <= now { day = day.adding(days: 1) }
        return reminder(on: day)
    }

    /// The latest weekly report due at or before `now`.
    public func lastWeeklyReport(atOrBefore now: Date) -> Occurrence {
        var monday = localDay(of: now).mondayOnOrBefore
        while weeklyReport(on: monday).at > now { monday = monday.adding(days: -7) }
        return weeklyReport(on: monday)
    }

    /// The first weekly report due strictly after `now`.
    public func nextWeeklyReport(after now: Date) -> Occurrence {
        var monday = localDay(of: now).mondayOnOrBefore
        while weeklyReport(on: monday).at <= now { monday = monday.adding(days: 7) }
        return weeklyReport(on: monday)
    }

    /// When the runner should next wake for a scheduled post: the earlier of the next reminder and the next report.
    public func nextWake(after now: Date) -> Date {
        min(nextReminder(after: now).at, nextWeeklyReport(after: now).at)
    }

    // MARK: Local days

    func reminder(on day: CivilDay) -> Occurrence {
        Occurrence(key: day.description, at: instant(day, reminderAt))
    }

    /// The report posted on `monday` covers the ISO week of the Sunday before it (a local week, named as ISOWeek
    /// names it), and never fires before that week's UTC end.
    func weeklyReport(on monday: CivilDay) -> Occurrence {
        let week = ISOWeek(containing: monday.adding(days: -1).noonUTC)
        return Occurrence(key: week.description, at: max(instant(monday, weeklyAt), week.end), week: week)
    }

    func localDay(of date: Date) -> CivilDay {
        let local = date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date)))
        return CivilDay(daysSinceEpoch: Int((local.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// The instant the wall clock reads `time` on `day`: the first of two when it happens twice (fall back), the
    /// first valid instant after it when it does not exist (spring forward).
    func instant(_ day: CivilDay, _ time: TimeOfDay) -> Date {
        let naive = Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + time.secondsIntoDay))
        let offsets = Set([-86_400.0, 0, 86_400].map { timeZone.secondsFromGMT(for: naive.addingTimeInterval($0)) })
        let valid = offsets.map { naive.addingTimeInterval(-TimeInterval($0)) }.filter {
            timeZone.secondsFromGMT(for: $0) == Int(naive.timeIntervalSince($0))
        }
        if let first = valid.min() { return first }
        // A gap: the wall clock jumps over `time`. The transition lies between the instant read with the offset
        // after the jump and the one read with the offset before it; find its first second.
        var low = naive.addingTimeInterval(-TimeInterval(offsets.max()!))
        var high = naive.addingTimeInterval(-TimeInterval(offsets.min()!))
        let before = timeZone.secondsFromGMT(for: low)
        while high.timeIntervalSince(low) > 1 {
            let middle = low.addingTimeInterval((high.timeIntervalSince(low) / 2).rounded(.down))
            if timeZone.secondsFromGMT(for: middle) == before { low = middle } else { high = middle }
        }
        return high
    }
}

/// A calendar date with no time zone (days since 1970-01-01), for stepping through local days.
struct CivilDay: Hashable, CustomStringConvertible {
    let daysSinceEpoch: Int

    func adding(days: Int) -> CivilDay { CivilDay(daysSinceEpoch: daysSinceEpoch + days) }

    /// Noon UTC of the same calendar date: safely inside that date for UTC-based calendars such as ISOWeek's.
    var noonUTC: Date { Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch * 86_400 + 43_200)) }

    /// 1970-01-01 was a Thursday: Monday is 0 in `(days + 3) mod 7`.
    var mondayOnOrBefore: CivilDay { adding(days: -(((daysSinceEpoch + 3) % 7 + 7) % 7)) }

    var description: String {
        let parts = ISOWeek.calendar.dateComponents([.year, .month, .day], from: noonUTC)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
