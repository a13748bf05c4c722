import TriageCore

/// Everything the `:` command line accepts, parsed; the action keys use the same commands.
public enum ConsoleCommand: Equatable, Sendable {
    /// A write to the selected ticket (`assign me` is resolved to the agent by the reducer).
    case change(TicketChange)
    /// Closing the selected ticket, through the console's one close flow (the resolution, then whether to notify;
    /// `quiet`: without asking the user for feedback).
    case close(resolution: String?, quiet: Bool)
    case reply
    case note
    case view(TicketID)
    case theme(String)
    case bell(Bool)
    case filter(String)
    case screen(Screen)
    case week(ISOWeek)
    case help
    case quit

    /// The names shown in help and errors.
    public static let names = [
        "assign NAME|me|none", "unassign", "priority P", "category C", "status open|waiting|closed", "tag +a -b",
        "close [resolution]", "close-quiet [resolution]", "reopen", "ack", "reply", "note", "view TKT…", "theme NAME",
        "bell on|off", "filter TEXT", "queue", "watch", "stats", "week 2026-W47", "help", "quit",
    ]

    /// Parses a command line (without the leading `:`); a bad line is a `TicketError.invalidField` naming what is wrong.
    public static func parse(_ line: String) throws(TicketError) -> ConsoleCommand {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let name = trimmed.prefix { !$0.isWhitespace }.lowercased()
        let rest = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        let argument: String? = rest.isEmpty ? nil : rest
        func need(_ what: String) throws(TicketError) -> String {
            guard let argument else { throw .invalidField(field: name, message: ":\(name) needs \(what)") }
            return argument
        }
        switch name {
        case "assign", "a":
            let who = try need("an agent's name, me or none")
            return .change(.assign(["none", "nobody", "-"].contains(who.lowercased()) ? nil : who))
        case "unassign": return .change(.assign(nil))
        case "priority", "prio", "p": return .change(.priority(try Priority.parse(try need("a priority (\(Priority.allowedList))"))))
        case "category", "cat":
            return .change(.category(try TriageCore.Category.parse(try need("a category (\(TriageCore.Category.allowedList))"))))
        case "status":
            let status = try TicketStatus.parse(try need("open, waiting or closed"))
            if status == .closed { return .close(resolution: nil, quiet: false) }
            return .change(.status(status))
        case "wait", "waiting": return .change(.status(.waiting))
        case "open": return .change(.status(.open))
        case "tag", "tags":
            var add: [String] = []
            var remove: [String] = []
            for word in try need("tags (+add -remove)").split(whereSeparator: \.isWhitespace) {
                if word.hasPrefix("-") {
                    remove.append(try Validation.tag(String(word.dropFirst())))
                } else {
                    add.append(try Validation.tag(String(word.hasPrefix("+") ? word.dropFirst() : word)))
                }
            }
            return .change(.tag(add: add, remove: remove))
        case "close": return .close(resolution: argument, quiet: false)
        case "close-quiet", "closeq": return .close(resolution: argument, quiet: true)
        case "reopen": return .change(.reopen)
        case "ack", "acknowledge": return .change(.acknowledge)
        case "reply", "r": return .reply
        case "note", "n": return .note
        case "view", "v", "goto":
            let text = try need("a ticket id")
            guard let id = TicketID(text) else {
                throw .invalidField(field: "id", message: "'\(text)' is not a ticket id (TKT + 6 characters)")
            }
            return .view(id)
        case "theme": return .theme(try need("a theme name or file"))
        case "bell":
            switch argument?.lowercased() {
            case "on", nil: return .bell(true)
            case "off": return .bell(false)
            default: throw .invalidField(field: "bell", message: ":bell takes on or off")
            }
        case "filter", "f": return .filter(argument ?? "")
        case "queue", "q1": return .screen(.queue)
        case "watch": return .screen(.watch)
        case "stats": return .screen(.stats)
        case "week": return .week(try ISOWeek(parsing: try need("an ISO week like 2026-W47")))
        case "help", "h", "?": return .help
        case "quit", "q", "exit": return .quit
        default:
            throw .invalidField(field: "command", message: "unknown command :\(name); try :help")
        }
    }
}
