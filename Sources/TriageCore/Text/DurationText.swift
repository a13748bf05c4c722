import Foundation

/// Compact durations for tables and countdowns: `-3h12m` (breached), `5h40m`, `41h`, `12m`, `6d`.
public enum DurationText {
    /// A signed countdown: under 10 hours shows minutes, under 100 hours whole hours, beyond that days.
    public static func countdown(_ seconds: TimeInterval) -> String {
        let sign = seconds < 0 ? "-" : ""
        let total = Int(abs(seconds))
        let minutes = total / 60
        let hours = minutes / 60
        if hours >= 100 { return "\(sign)\(hours / 24)d" }
        if hours >= 10 { return "\(sign)\(hours)h" }
        if hours >= 1 { return String(format: "%@%dh%02dm", sign, hours, minutes % 60) }
        return "\(sign)\(minutes)m"
    }

    /// An age (always positive): `12m`, `5h`, `3d`.
    public static func age(_ seconds: TimeInterval) -> String {
        let minutes = Int(max(0, seconds)) / 60
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 48 * 60 { return "\(minutes / 60)h" }
        return "\(minutes / 1440)d"
    }

    /// How long `countdown(seconds)` can keep its text while `seconds` goes down with the time passing: it shows whole
    /// minutes under 10 hours and whole hours (or days, which change on an hour) above, so it changes only when those
    /// do. The console redraws on the clock only when a text on screen can have changed.
    public static func countdownSteady(_ seconds: TimeInterval) -> TimeInterval {
        steady(abs(seconds), growing: seconds <= 0, unit: abs(seconds) < 10 * 3600 ? 60 : 3600)
    }

    /// How long `age(seconds)` can keep its text while `seconds` grows: minutes under an hour, then hours or days.
    public static func ageSteady(_ seconds: TimeInterval) -> TimeInterval {
        steady(max(0, seconds), growing: true, unit: seconds < 3600 ? 60 : 3600)
    }

    /// Time until `value` (growing or shrinking by the time passing) reaches the next whole `unit`.
    static func steady(_ value: Double, growing: Bool, unit: Double) -> TimeInterval {
        let into = value.truncatingRemainder(dividingBy: unit)
        return growing ? unit - into : into
    }

    /// Hours for a person — an SLA budget, a wait: `45min` under an hour (`1min` at least), else `NoticeText.hours`
    /// (`5,5h` / `5.5h`, whole from 10h). A budget of 0.01h reads `1min`, never `0h`.
    public static func hours(_ hours: Double, _ language: Language, rounding: FloatingPointRoundingRule = .toNearestOrAwayFromZero)
        -> String
    {
        hours < 1 ? "\(max(1, Int((hours * 60).rounded())))min" : NoticeText.hours(hours, language, rounding: rounding)
    }

    /// Hours with one decimal, or `–` for none: `3.5h`.
    public static func hours(_ value: Double?) -> String {
        value.map { String(format: "%.1fh", $0) } ?? "–"
    }

    /// `value` rounded to the nearest tenth, as figures of hours and percents are given in JSON: `12.3`, never
    /// `12.333333333333334`.
    public static func tenths(_ value: Double) -> Double { (value * 10).rounded() / 10 }
}

/// ISO 8601 timestamps in UTC with whole seconds (`2024-01-20T10:30:00Z`), as in the API answers.
public enum Timestamp {
    public static func string(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(
                separator: .omitted))
    }
}
