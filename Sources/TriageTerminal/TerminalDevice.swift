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
    /// Gives the terminal back and stops the process (Ctrl-Z); returns when it is resumed, with the terminal taken
    /// again.
    func suspend()
    /// The file descriptor keys arrive on, when the runtime may wait on it together with the store's write hint
    /// (nil: wait in `read(timeout:)` alone).
    var inputDescriptor: Int32? { get }
}

extension TerminalDevice {
    /// A terminal that cannot stop (a test's) ignores Ctrl-Z.
    public func suspend() {}
    public var inputDescriptor: Int32? { nil }
}
