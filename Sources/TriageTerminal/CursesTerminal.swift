import CNCurses
import Foundation
import Synchronization
import TriageConsole
import TriageCore

/// The real terminal, through ncursesw: raw keys with a short escape delay, wide characters, colour pairs
/// allocated on demand, and frames presented as the difference from the last one.
public final class CursesTerminal: TerminalDevice {
    private var screen: OpaquePointer?
    private var last: ScreenBuffer?
    private var pairs: [ColorKey: Int32] = [:]
    private var active = false
    private var wordLeftCode: Int32 = -1
    private var wordRightCode: Int32 = -1
    public let colors: Int
    public let unicode: Bool
    public let inputDescriptor: Int32?

    struct ColorKey: Hashable {
        var fg: Int32
        var bg: Int32
    }

    /// Takes over the terminal. `output` and `input` default to the process's stdout and stdin.
    public init(output: UnsafeMutablePointer<FILE>? = nil, input: UnsafeMutablePointer<FILE>? = nil) throws {
        setlocale(LC_ALL, "")
        let codeset = String(cString: triage_codeset())
        unicode = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        setenv("ESCDELAY", "25", 1)
        let inputFile = input ?? fdopen(0, "r")
        inputDescriptor = inputFile.map { fileno($0) }
        outputFile = output ?? fdopen(1, "w")
        guard let screen = newterm(nil, outputFile, inputFile) else {
            throw TerminalError.cannotStart(
                "cannot start the terminal (is TERM set? \(ProcessInfo.processInfo.environment["TERM"] ?? "unset"))")
        }
        self.screen = screen
        set_term(screen)
        active = true
        raw()
        noecho()
        nonl()
        keypad(triage_stdscr(), true)
        meta(triage_stdscr(), true)
        curs_set(0)
        // No shifting of characters along a row by the terminal: the emoji written outside ncurses would move with them.
        idcok(triage_stdscr(), false)
        set_escdelay(25)
        var colorCount = 0
        if has_colors() && ProcessInfo.processInfo.environment["NO_COLOR"].map({ $0.isEmpty }) ?? true {
            start_color()
            use_default_colors()
            colorCount = Int(triage_colors())
        }
        colors = colorCount
        wordLeftCode = Self.keyCode("kLFT5")
        wordRightCode = Self.keyCode("kRIT5")
        TerminalGuard.install(self)
        setBracketedPaste(true)
    }

    private let outputFile: UnsafeMutablePointer<FILE>?
    /// Set by SIGCONT while `suspend` waits.
    static let continued = Atomic<Bool>(false)

    /// Bracketed paste: the terminal marks pasted text (`ESC [200~` … `ESC [201~`), so a paste is inserted as text
    /// (newlines included) and never read as keys.
    private func setBracketedPaste(_ on: Bool) {
        guard let outputFile else { return }
        fputs(on ? TerminalGuard.bracketedPasteOn : TerminalGuard.bracketedPasteOff, outputFile)
        fflush(outputFile)
    }

    /// Ctrl-Z: gives the terminal back, stops the process as a shell job (SIGTSTP) and, once resumed (`fg`), takes
    /// the terminal again; the next frame is drawn whole.
    public func suspend() {
        guard active, let screen else { return }
        set_term(screen)
        setBracketedPaste(false)
        def_prog_mode()
        curs_set(1)
        endwin()
        fflush(nil)
        // Stop the job as the terminal's own Ctrl-Z would (the whole process group), and wait for SIGCONT (`fg`).
        // `raise` would not do: it stops only if this thread takes the signal, and a worker thread blocks it.
        Self.continued.store(false, ordering: .relaxed)
        let previousCont = signal(SIGCONT) { _ in CursesTerminal.continued.store(true, ordering: .relaxed) }
        let previous = signal(SIGTSTP, SIG_DFL)
        kill(0, SIGTSTP)
        // Stopped inside this wait. A job without job control (an orphaned process group) is not stopped: then give
        // up after half a second of our own time and carry on.
        var waited = 0
        while !Self.continued.load(ordering: .relaxed) && waited < 50 {
            usleep(10_000)
            waited += 1
        }
        signal(SIGTSTP, previous)
        signal(SIGCONT, previousCont)
        reset_prog_mode()
        curs_set(0)
        setBracketedPaste(true)
        last = nil
        clearok(triage_stdscr(), true)
        wrefresh(triage_stdscr())
    }

    deinit { restore() }

    static func keyCode(_ capability: String) -> Int32 {
        guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { return -1 }
        return key_defined(value)
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(triage_stdscr())), Int(getmaxy(triage_stdscr())))
    }

    public func read(timeout milliseconds: Int) -> InputEvent? {
        if let screen { set_term(screen) }
        // Bytes, decoded by `InputDecoder` (UTF-8 whatever the locale, Escape sequences, pastes). Input that makes no
        // key (an unknown sequence) does not end the wait, nor a drain of what is already there.
        var decoder = self.decoder
        defer { self.decoder = decoder }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, milliseconds)) * 1_000_000
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            let left = deadline > now ? Int((deadline - now) / 1_000_000) : 0
            guard let decoded = decoder.next(wait: left, from: { Self.rawRead($0) }) else { return nil }
            switch decoded {
            case .key(let key): return .key(key)
            case .function(let code): if let event = function(code) { return event }
            case .ignored: break
            }
        }
    }

    private var decoder = InputDecoder()

    /// One byte or key code from curses, waiting up to `milliseconds`.
    static func rawRead(_ milliseconds: Int) -> RawInput {
        wtimeout(triage_stdscr(), Int32(milliseconds))
        let value = triage_getch()
        if value == triage_err() { return .none }
        if value >= triage_key_min() { return .function(value) }
        return .byte(UInt8(truncatingIfNeeded: value))
    }

    private func function(_ code: Int32) -> InputEvent? {
        switch code {
        case KEY_RESIZE:
            last = nil
            return .resize(width: size.width, height: size.height)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_DC: return .key(.delete)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case wordLeftCode where code != -1: return .key(.wordLeft)
        case wordRightCode where code != -1: return .key(.wordRight)
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }

    public func present(_ buffer: ScreenBuffer) {
        guard active, let screen else { return }
        set_term(screen)
        let previous = (last?.width == buffer.width && last?.height == buffer.height) ? last : nil
        if previous == nil { werase(triage_stdscr()) }
        let maxX = Int(getmaxx(triage_stdscr()))
        let maxY = Int(getmaxy(triage_stdscr()))
        guard maxX > 0 && maxY > 0 else { return }
        let columns = min(buffer.width, maxX)
        // Emoji sequences go straight to the terminal once ncurses has drawn the rest (`ClusterWriting`).
        var raw: [(x: Int, y: Int)] = []
        let (newCells, oldCells) = (buffer.cells, previous?.cells)
        for y in 0..<min(buffer.height, maxY) {
            var rowChanged = false
            var rowRaw: [(x: Int, y: Int)] = []
            for x in 0..<columns {
                let index = y * buffer.width + x
                // Read in place, not copied: most cells are the same as in the last frame, and are only compared.
                let (continuation, sequence, unchanged) = newCells.withUnsafeBufferPointer { cells in
                    (
                        cells[index].continuation, writing(cells[index]) != .cell,
                        oldCells?.withUnsafeBufferPointer { $0[index] == cells[index] } ?? false
                    )
                }
                if continuation { continue }
                if sequence, case .raw = writing(buffer[x, y]) { rowRaw.append((x, y)) }
                if unchanged { continue }
                let cell = buffer[x, y]
                rowChanged = true
                // The bottom-right cell is written too: without scrolling, ncurses places it and only reports that
                // the cursor could not advance.
                switch writing(cell) {
                case .cell: draw(cell, x: x, y: y)
                case .replacement: draw(Cell("\u{FFFD}", style: cell.style), x: x, y: y)
                case .raw:
                    // ncurses holds blanks in its place, so its picture of the row keeps every other cell where it is.
                    for column in x..<min(columns, x + TerminalText.width(of: cell.character)) {
                        draw(Cell(" ", style: cell.style), x: column, y: y)
                    }
                }
            }
            // A row ncurses touches may be cleared over the blanks it holds for a sequence: write them all again.
            if rowChanged { raw += rowRaw }
        }
        last = buffer
        // The cursor (hidden) rests at the top left, where the sequences written after the frame put it back.
        wmove(triage_stdscr(), 0, 0)
        wnoutrefresh(triage_stdscr())
        doupdate()
        guard !raw.isEmpty else { return }
        // Each sequence, then the cells a terminal that does not join it may have drawn it over, written again.
        var coveredUntil = (x: -1, y: -1)
        for (x, y) in raw where !(y == coveredUntil.y && x < coveredUntil.x) {
            var column = x
            var until = x + 1
            while column < min(columns, until) {
                let cell = buffer[column, y]
                let width = max(1, TerminalText.width(of: cell.character))
                if !cell.continuation {
                    writeRaw(cell, x: column, y: y)
                    if case .raw(let spill) = writing(cell) { until = max(until, column + width + spill) }
                }
                column += cell.continuation ? 1 : width
            }
            coveredUntil = (column, y)
        }
        fflush(outputFile)
        triage_raw_flush(outputFile.map { fileno($0) } ?? 1, 0, 0)
    }

    /// How the cell's cluster goes to the terminal, by the C library's widths (those ncurses and the terminal use).
    private func writing(_ cell: Cell) -> ClusterWriting {
        if cell.isASCII { return .cell }
        return ClusterWriting.of(cell.character, width: TerminalText.width(of: cell.character)) { Int(triage_wcwidth($0)) }
    }

    private func attributes(_ style: CellStyle) -> attr_t {
        var attrs = triage_attr_normal()
        if style.bold { attrs |= triage_attr_bold() }
        if style.dim { attrs |= triage_attr_dim() }
        if style.underline { attrs |= triage_attr_underline() }
        if style.reverse { attrs |= triage_attr_reverse() }
        return attrs
    }

    private func draw(_ cell: Cell, x: Int, y: Int) {
        if let scalar = cell.scalar {
            // One scalar (nearly every cell): no array.
            var pair = (wchar_t(bitPattern: scalar), wchar_t(0))
            _ = withUnsafePointer(to: &pair) { pointer in
                pointer.withMemoryRebound(to: wchar_t.self, capacity: 2) {
                    triage_put_ext(Int32(y), Int32(x), $0, attributes(cell.style), self.pair(for: cell.style))
                }
            }
            return
        }
        var text: [wchar_t] = cell.character.unicodeScalars.prefix(ClusterWriting.cellScalars).map { wchar_t(bitPattern: $0.value) }
        text.append(0)
        _ = triage_put_ext(Int32(y), Int32(x), text, attributes(cell.style), pair(for: cell.style))
    }

    /// Queues a cell's whole cluster for the terminal at (x, y), outside ncurses (`triage_raw_flush` writes it).
    private func writeRaw(_ cell: Cell, x: Int, y: Int) {
        let text = writing(cell) == .replacement ? "\u{FFFD}" : String(cell.character)
        _ = triage_put_raw(Int32(y), Int32(x), text, attributes(cell.style), pair(for: cell.style))
    }

    private func pair(for style: CellStyle) -> Int32 {
        guard colors > 0 else { return 0 }
        func number(_ color: TerminalColor) -> Int32 {
            switch color {
            case .default: return -1
            case .indexed(let i): return Int32(i) < Int32(colors) ? Int32(i) : -1
            }
        }
        let key = ColorKey(fg: number(style.foreground), bg: number(style.background))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        let next = Int32(pairs.count + 1)
        guard next < triage_color_pairs() else { return 0 }
        init_extended_pair(next, key.fg, key.bg)
        pairs[key] = next
        return next
    }

    public func bell() { beep() }

    public func restore() {
        guard active else { return }
        active = false
        if let screen { set_term(screen) }
        curs_set(1)
        endwin()
        setBracketedPaste(false)
        if let screen { delscreen(screen) }
        screen = nil
        fflush(nil)
    }
}

public enum TerminalError: Error, CustomStringConvertible {
    case cannotStart(String)
    public var description: String {
        switch self {
        case .cannotStart(let message): message
        }
    }
}
