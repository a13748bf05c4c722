import Foundation
import TriageCore

/// The daily reminder digest and the Monday weekly report (SPEC §6): keyed by local date and ISO week, so each is
/// recorded once whatever the number of runners, restarts or DST nights. A digest missed by more than a day is
/// recorded as skipped rather than sent stale.
struct Digests {
    let store: any AutomationStoring
    let config: TriageConfig
    static let staleAfter: TimeInterval = 86_400
    static let reminderLines = 15

    /// Records (and enqueues) the digests due at `now`; returns how many were recorded.
    func run(now: Date) async throws(TicketError) -> Int {
        let schedule = config.automation.schedule
        var recorded = 0
        let staff = Principal.admin(Automations.actor)
        let reminder = schedule.lastReminder(atOrBefore: now)
        if !(try await store.digestRecorded(kind: "reminder", period: reminder.key)) {
            var notifications: [OutboxNotification] = []
            if now.timeIntervalSince(reminder.at) <= Self.staleAfter {
                let all = try await store.reminders(as: staff, now: now, limit: 1000)
                if !all.isEmpty {
                    notifications = Automations.reminderDigest(
                        period: reminder.key, reminders: Array(all.prefix(Self.reminderLines)), total: all.count)
                }
            }
            if try await store.recordDigest(kind: "reminder", period: reminder.key, notifications: notifications, now: now) { recorded += 1 }
        }
        let weekly = schedule.lastWeeklyReport(atOrBefore: now)
        if !(try await store.digestRecorded(kind: "weekly", period: weekly.key)) {
            var notifications: [OutboxNotification] = []
            if now.timeIntervalSince(weekly.at) <= Self.staleAfter, let week = weekly.week {
                let stats = try await store.weeklyStats(week, as: staff, now: now)
                if stats.opened > 0 || stats.resolved > 0 || stats.backlogAtEnd > 0 {
                    // Worded in French, as everything the staff channels read.
                    notifications = Automations.weeklyReport(period: weekly.key, stats: StatsJSON(stats, reminders: [], language: .fr))
                }
            }
            if try await store.recordDigest(kind: "weekly", period: weekly.key, notifications: notifications, now: now) { recorded += 1 }
        }
        return recorded
    }
}
