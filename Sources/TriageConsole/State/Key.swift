/// A key press, as the terminal shell decodes it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)  // Ctrl-A … Ctrl-Z, as lower-case letters
    case alt(Character)
    case up, down, left, right
    case wordLeft, wordRight  // Ctrl-Left / Ctrl-Right (or Alt-b / Alt-f)
    case home, end, pageUp, pageDown
    case enter, tab, backTab, backspace, delete, escape
    case function(Int)
    /// Text pasted in one go (bracketed paste): inserted literally, newlines included, and never read as commands.
    case paste(String)
}
