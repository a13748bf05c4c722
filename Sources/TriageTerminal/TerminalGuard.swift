import CNCurses
import Foundation

/// Makes sure the terminal is given back whatever happens: on exit, and on a crash signal (the signal is then
/// re-raised so the process still dies as it would have). SIGTERM, SIGHUP and SIGINT are turned into a clean quit
/// by the runtime (`ConsoleRuntime.stopRequested`).
enum TerminalGuard {
    nonisolated(unsafe) private static weak var terminal: CursesTerminal?
    nonisolated(unsafe) private static var installed = false

    static func install(_ terminal: CursesTerminal) {
        self.terminal = terminal
        guard !installed else { return }
        installed = true
        atexit { TerminalGuard.emergencyRestore() }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { number in
                TerminalGuard.emergencyRestore()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    static func emergencyRestore() {
        if !isendwin() { endwin() }
        // Bracketed paste off again, with the one call a signal handler may make.
        _ = bracketedPasteOff.withCString { write(1, $0, strlen($0)) }
        terminal = nil
    }
}
