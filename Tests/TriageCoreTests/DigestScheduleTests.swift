import Foundation
import Testing

@testable import TriageCore

@Suite struct DigestScheduleTests {
    static func utc(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    static func schedule(_ zone: String, reminder: String = "09:00", weekly: String = "09:00") -> DigestSchedule {
        DigestSchedule(timeZone: TimeZone(identifier: zone)!, reminderAt: TimeOfDay(reminder)!, weeklyAt: TimeOfDay(weekly)!)
    }

    @Test(
        "the reminder digest: latest at or before now, next after now",
        arguments: [
            // zone, time, now (UTC), latest key, latest instant, next key, next instant
            ("UTC", "09:00", "2026-11-25T10:00:00Z", "2026-11-25", "2026-11-25T09:00:00Z", "2026-11-26", "2026-11-26T09:00:00Z"),
            ("UTC", "09:00", "2026-11-25T09:00:00Z", "2026-11-25", "2026-11-25T09:00:00Z", "2026-11-26", "2026-11-26T09:00:00Z"),
            ("UTC", "09:00", "2026-11-25T08:59:59Z", "2026-11-24", "2026-11-24T09:00:00Z", "2026-11-25", "2026-11-25T09:00:00Z"),
            ("Europe/Paris", "09:00", "2026-11-25T10:00:00Z", "2026-11-25", "2026-11-25T08:00:00Z", "2026-11-26", "2026-11-26T08:00:00Z"),
            ("Europe/Paris", "09:00", "2026-07-01T06:59:00Z", "2026-06-30", "2026-06-30T07:00:00Z", "2026-07-01", "2026-07-01T07:00:00Z"),
            // Paris 00:30 local is still the day before in UTC
            ("Europe/Paris", "00:30", "2026-11-24T23:45:00Z", "2026-11-25", "2026-11-24T23:30:00Z", "2026-11-26", "2026-11-25T23:30:00Z"),
            (
                "America/New_York", "09:00", "2026-11-25T10:00:00Z", "2026-11-24", "2026-11-24T14:00:00Z", "2026-11-25",
                "2026-11-25T14:00:00Z"
            ),
            (
                "America/New_York", "23:00", "2026-11-26T04:30:00Z", "2026-11-25", "2026-11-26T04:00:00Z", "2026-11-26",
                "2026-11-27T04:00:00Z"
            ),
            // DST: 02:30 does not exist on 2026-03-29 in Paris (fires at 03:00 CEST) and happens twice on 2026-10-25
            ("Europe/Paris", "02:30", "2026-03-29T12:00:00Z", "2026-03-29", "2026-03-29T01:00:00Z", "2026-03-30", "2026-03-30T00:30:00Z"),
            ("Europe/Paris", "02:30", "2026-03-28T12:00:00Z", "2026-03-28", "2026-03-28T01:30:00Z", "2026-03-29", "2026-03-29T01:00:00Z"),
            ("Europe/Paris", "02:30", "2026-10-25T01:15:00Z", "2026-10-25", "2026-10-25T00:30:00Z", "2026-10-26", "2026-10-26T01:30:00Z"),
            (
                "America/New_York", "02:30", "2026-03-08T12:00:00Z", "2026-03-08", "2026-03-08T07:00:00Z", "2026-03-09",
                "2026-03-09T06:30:00Z"
            ),
            (
                "America/New_York", "01:30", "2026-11-01T06:00:00Z", "2026-11-01", "2026-11-01T05:30:00Z", "2026-11-02",
                "2026-11-02T06:30:00Z"
            ),
        ])
    func reminder(zone: String, time: String, now: String, lastKey: String, lastAt: String, nextKey: String, nextAt: String) {
        let schedule = Self.schedule(zone, reminder: time)
        #expect(schedule.lastReminder(atOrBefore: Self.utc(now)) == .init(key: lastKey, at: Self.utc(lastAt)))
        #expect(schedule.nextReminder(after: Self.utc(now)) == .init(key: nextKey, at: Self.utc(nextAt)))
    }

    @Test(
        "the weekly report: the ISO week that just ended, locally",
        arguments: [
            ("UTC", "2026-11-25T10:00:00Z", "2026-W47", "2026-11-23T09:00:00Z", "2026-W48", "2026-11-30T09:00:00Z"),
            ("Europe/Paris", "2026-11-25T10:00:00Z", "2026-W47", "2026-11-23T08:00:00Z", "2026-W48", "2026-11-30T08:00:00Z"),
            ("America/New_York", "2026-11-25T10:00:00Z", "2026-W47", "2026-11-23T14:00:00Z", "2026-W48", "2026-11-30T14:00:00Z"),
            // Sunday 22:00 in New York is already Monday (W48) in UTC: locally W47 has not ended, the last report is W46's
            ("America/New_York", "2026-11-23T03:00:00Z", "2026-W46", "2026-11-16T14:00:00Z", "2026-W47", "2026-11-23T14:00:00Z"),
            // Week 1 of 2026 starts on 2025-12-29; the report on 2026-01-05 covers it
            ("Europe/Paris", "2026-01-05T08:00:00Z", "2026-W01", "2026-01-05T08:00:00Z", "2026-W02", "2026-01-12T08:00:00Z"),
            ("Europe/Paris", "2026-01-04T12:00:00Z", "2025-W52", "2025-12-29T08:00:00Z", "2026-W01", "2026-01-05T08:00:00Z"),
            // Monday 09:00 in Auckland is Sunday 20:00 UTC: the report waits for the UTC week's end (13:00 local)
            ("Pacific/Auckland", "2026-11-25T10:00:00Z", "2026-W47", "2026-11-23T00:00:00Z", "2026-W48", "2026-11-30T00:00:00Z"),
        ])
    func weekly(zone: String, now: String, lastKey: String, lastAt: String, nextKey: String, nextAt: String) throws {
        let schedule = Self.schedule(zone)
        let last = schedule.lastWeeklyReport(atOrBefore: Self.utc(now))
        let next = schedule.nextWeeklyReport(after: Self.utc(now))
        #expect(last == .init(key: lastKey, at: Self.utc(lastAt), week: try ISOWeek(parsing: lastKey)))
        #expect(next == .init(key: nextKey, at: Self.utc(nextAt), week: try ISOWeek(parsing: nextKey)))
        #expect(last.at >= last.week!.end, "a report never covers a week still in progress")
    }

    @Test func theRunnerWakesForTheEarlierOfTheTwo() {
        let schedule = Self.schedule("Europe/Paris", reminder: "08:00", weekly: "10:00")
        // Sunday 2026-11-22 12:00 UTC: the next reminder is Monday 07:00 UTC, before the report at 09:00 UTC
        #expect(schedule.nextWake(after: Self.utc("2026-11-22T12:00:00Z")) == Self.utc("2026-11-23T07:00:00Z"))
        #expect(schedule.nextWake(after: Self.utc("2026-11-23T07:00:00Z")) == Self.utc("2026-11-23T09:00:00Z"))
    }

    /// A runner polling every 10 minutes through a month holding a DST night fires each local date's reminder and each
    /// week's report exactly once, at the configured wall-clock time (or just after a skipped one).
    @Test(
        "one reminder per local date, one report per week, across DST",
        arguments: [
            ("Europe/Paris", "2026-03-10T00:00:00Z", "02:30"), ("Europe/Paris", "2026-03-10T00:00:00Z", "09:00"),
            ("Europe/Paris", "2026-10-10T00:00:00Z", "02:30"), ("Europe/Paris", "2026-10-10T00:00:00Z", "00:00"),
            ("America/New_York", "2026-02-20T00:00:00Z", "02:30"), ("America/New_York", "2026-10-20T00:00:00Z", "01:30"),
            ("UTC", "2026-03-10T00:00:00Z", "23:50"),
        ])
    func simulatedMonth(zone: String, start: String, time: String) {
        let schedule = Self.schedule(zone, reminder: time, weekly: time)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = schedule.timeZone
        var fired: Set<String> = []
        var reminders: [DigestSchedule.Occurrence] = []
        var reports: [DigestSchedule.Occurrence] = []
        var problems: [String] = []
        let begin = Self.utc(start)
        for step in 0..<(31 * 144) {
            let now = begin.addingTimeInterval(Double(step) * 600)
            let reminder = schedule.lastReminder(atOrBefore: now)
            let report = schedule.lastWeeklyReport(atOrBefore: now)
            if reminder.at > now || report.at > now { problems.append("future occurrence at \(now)") }
            let nextReminder = schedule.nextReminder(after: now)
            let nextReport = schedule.nextWeeklyReport(after: now)
            if nextReminder.at <= now || nextReminder.key == reminder.key
                || schedule.lastReminder(atOrBefore: nextReminder.at) != nextReminder
                || nextReport.at <= now || nextReport.key == report.key
                || schedule.lastWeeklyReport(atOrBefore: nextReport.at) != nextReport
            {
                problems.append("bad next \(nextReminder) / \(nextReport) after \(now)")
            }
            // The runner records each key once (a unique row); what it finds at its first poll is history, not a firing
            for occurrence in [reminder, report] where fired.insert(occurrence.key).inserted && step > 0 {
                if now.timeIntervalSince(occurrence.at) >= 600 { problems.append("\(occurrence) fired late, at \(now)") }
                if occurrence.week == nil { reminders.append(occurrence) } else { reports.append(occurrence) }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        // Exactly one reminder per local date, consecutive, on that date
        let keys = reminders.map(\.key)
        #expect(Set(keys).count == keys.count, "\(keys)")
        #expect(keys.count == 31, "\(keys.count) reminders")
        for (earlier, later) in zip(reminders, reminders.dropFirst()) {
            #expect(
                calendar.dateComponents([.day], from: calendar.startOfDay(for: earlier.at), to: calendar.startOfDay(for: later.at)).day == 1
            )
        }
        for reminder in reminders {
            let local = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: reminder.at)
            #expect(String(format: "%04d-%02d-%02d", local.year!, local.month!, local.day!) == reminder.key)
            let wall = String(format: "%02d:%02d", local.hour!, local.minute!)
            #expect(wall == time || (wall == "03:00" && time == "02:30"), "\(reminder) reads \(wall) locally")
        }
        // Exactly one report per ISO week, consecutive weeks, each after its week's end
        let weeks = reports.compactMap(\.week)
        #expect(weeks.count == reports.count && (4...5).contains(weeks.count), "\(reports)")
        #expect(zip(weeks, weeks.dropFirst()).allSatisfy { $0.next == $1 }, "\(weeks)")
        #expect(reports.allSatisfy { $0.at >= $0.week!.end && calendar.component(.weekday, from: $0.at) == 2 })
    }
}
