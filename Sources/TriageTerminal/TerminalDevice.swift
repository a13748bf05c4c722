import TriageConsole

/// What the terminal sends the console.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
}

/// The terminal as the runtime sees it: the real one is `CursesTerminal`; tests drive a fake.
public protocol TerminalDevice: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// How many colours the terminal has (0 for none).
    var colors: Int { get }
    /// Whether the locale can show Unicode (else the console draws in ASCII).
    var unicode: Bool { get }
    /// Waits up to `milliseconds` for input.
    func read(timeout milliseconds: Int) -> InputEvent?
    /// Shows a frame, sending only what changed since the last one.
    func present(_ buffer: ScreenBuffer)
    func bell()
    /// Gives the terminal back as it was (idempotent).
    func restore()
}
