/// The symbols the console draws with: Unicode by default, plain ASCII under a non-UTF-8 locale.
public struct Glyphs: Sendable, Equatable {
    public var breached: String
    public var warning: String
    public var ok: String
    public var paused: String
    public var met: String
    public var missed: String
    public var horizontal: Character
    public var vertical: Character
    public var corners: (topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character)
    public var bar: Character
    public var barEmpty: Character
    public var spark: [Character]
    public var pass: String
    public var fail: String
    public var noData: String
    public var internalMark: String
    public var star: Character
    public var ellipsis: String
    public var newMark: String
    public var escalated: String
    public var acknowledged: String
    /// Dead deliveries in the outbox (the header).
    public var deadLetter: String
    /// A delivery target disabled until an admin fixes it (the header).
    public var disabledTarget: String
    /// A scroll bar: its track, its thumb, and the arrows saying there is more above or below.
    public var scrollTrack: Character
    public var scrollThumb: Character
    public var scrollUp: Character
    public var scrollDown: Character

    /// Whether only ASCII may be drawn (non-UTF-8 locale).
    public var asciiOnly: Bool { horizontal == "-" }

    /// Fixed interface text with its symbols spelled in ASCII when the locale cannot show them. User text is not
    /// passed through this.
    public func ui(_ text: String) -> String {
        guard asciiOnly else { return text }
        var out = text
        for (symbol, ascii) in [
            ("⏎", "Enter"), ("←", "<-"), ("→", "->"), ("↑", "^"), ("↓", "v"), ("↻", "@"), ("·", "-"), ("–", "-"), ("—", "-"),
            ("…", "..."), ("×", "x"), ("“", "\""), ("”", "\""), ("★", "*"), ("•", "*"), ("✎", "%"),
        ] {
            out = out.replacingOccurrences(of: symbol, with: ascii)
        }
        return out
    }

    public static func == (a: Glyphs, b: Glyphs) -> Bool { a.breached == b.breached && a.horizontal == b.horizontal }

    public static let unicode = Glyphs(
        breached: "✖", warning: "▲", ok: "●", paused: "‖", met: "✔", missed: "✖", horizontal: "─", vertical: "│",
        corners: ("┌", "┐", "└", "┘"), bar: "█", barEmpty: "░", spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        pass: "✔", fail: "✘", noData: "·", internalMark: "▌", star: "★", ellipsis: "…", newMark: "✚", escalated: "⚑", acknowledged: "⚐",
        deadLetter: "✉", disabledTarget: "⚠", scrollTrack: "┆", scrollThumb: "┃", scrollUp: "↑", scrollDown: "↓")

    public static let ascii = Glyphs(
        breached: "X", warning: "!", ok: "o", paused: "=", met: "+", missed: "X", horizontal: "-", vertical: "|",
        corners: ("+", "+", "+", "+"), bar: "#", barEmpty: ".", spark: ["_", ".", "-", "~", "=", "+", "*", "#"],
        pass: "OK", fail: "XX", noData: "--", internalMark: "#", star: "*", ellipsis: "~", newMark: "+", escalated: "E", acknowledged: "e",
        deadLetter: "@", disabledTarget: "!!", scrollTrack: "|", scrollThumb: "#", scrollUp: "^", scrollDown: "v")
}
