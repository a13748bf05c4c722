import TriageConsole
import TriageCore

/// How the presenter puts one cell's grapheme cluster on the terminal so that the terminal's cursor ends where the
/// console's layout says (`TerminalText.width(of:)`), whatever the terminal makes of the cluster.
///
/// ncurses places a cell by the width of its first scalar and keeps only the zero-width scalars after it, so a
/// base with its combining marks goes through ncurses as one cell; an emoji sequence (`👩‍💻`, `🇫🇷`, `👍🏽`, `❤️`)
/// would be cut to its first scalar or misplaced. Those are written straight to the terminal after ncurses' frame,
/// with absolute cursor moves around them, over blanks ncurses holds in their place; and since a terminal that does
/// not join a sequence draws it wider than its cells, the cells it may spill over are written again after it.
enum ClusterWriting: Equatable {
    /// As one ncurses cell (a single scalar, or a base and zero-width marks).
    case cell
    /// Straight to the terminal; a terminal that does not join the sequence may draw up to `spill` columns past it.
    case raw(spill: Int)
    /// A character the C library gives no width (unassigned): drawn as U+FFFD.
    case replacement

    /// The most scalars an ncurses cell holds (CCHARW_MAX in a default build).
    static let cellScalars = 5

    /// How to write `character`, laid out `width` columns wide, given the C library's width of a scalar.
    static func of(_ character: Character, width: Int, wcwidth: (UInt32) -> Int) -> ClusterWriting {
        // Most cells are one scalar: no arrays for them (this runs for every cell of a changed frame).
        if character.isASCII { return .cell }
        let view = character.unicodeScalars
        guard let head = view.first else { return .cell }
        if view.index(after: view.startIndex) == view.endIndex { return wcwidth(head.value) < 0 ? .replacement : .cell }
        let scalars = view.map(\.value)
        let widths = scalars.map(wcwidth)
        let first = widths[0]
        if first == width, scalars.count <= cellScalars, widths.dropFirst().allSatisfy({ $0 == 0 }) { return .cell }
        return .raw(spill: max(0, widths.reduce(0) { $0 + max(0, $1) } - width))
    }
}
