import Foundation
import TriageCore
import TriageDiscord
import TriageStore

/// What a ticket command answers: ready-to-post Discord text, the ticket it is about (when there is one), and
/// whether it failed (the text then starts with ❌, ⛔ or ⏳).
public struct CommandReply: Sendable, Equatable {
    public var text: String
    public var ticket: TicketID?
    public var failed: Bool

    public init(text: String, ticket: TicketID? = nil, failed: Bool = false) {
        self.text = text
        self.ticket = ticket
        self.failed = failed
    }
}

/// Runs the ticket commands (SPEC §8) for every front end that speaks them: `POST /api/commands` (a gateway bot's
/// `!ticket_*` relay), the Discord interactions endpoint and `triage command`. Each command is one call of the
/// store as the caller's principal — whose scope the store applies — and its answer is `CommandText`'s, with user
/// text escaped for Discord. Never throws: every failure is a friendly answer in the user's language.
public struct CommandRunner: Sendable {
    /// Either backend (on SQLite, the API's writes go through its write queue).
    let store: any TicketStoring
    /// The desk's settings, for the front ends that share the runner. Tracking links come from the store's base URL
    /// (which `serve` and the CLI set from `[links] base_url`), the same as in the notifications.
    let config: TriageConfig
    let now: @Sendable () -> Date

    /// A runner on the SQLite store, its writes on a write queue of its own.
    public init(store: TicketStore, config: TriageConfig, now: @escaping @Sendable () -> Date) {
        self.init(tickets: SQLiteTicketStore(store, writes: WriteQueue(store: store)), config: config, now: now)
    }

    public init(tickets: any TicketStoring, config: TriageConfig, now: @escaping @Sendable () -> Date) {
        self.store = tickets
        self.config = config
        self.now = now
    }

    /// Parses and runs a text command (`!ticket_…`); a text the grammar refuses is answered with its ❌ message.
    public func run(text: String, as principal: Principal, requesterName: String?, language: Language) async -> CommandReply {
        do {
            let command = try TextCommand.parse(text, language: language)
            return await run(command, as: principal, requesterName: requesterName, language: language)
        } catch {
            return CommandReply(text: error.text(escape: DiscordText.escape), failed: true)
        }
    }

    /// Runs `command` as `principal` (a user's scope or staff), recording `requesterName` as the requester's name on creates.
    /// `surface`: where it was typed, which is how the answers name the commands (`!ticket_list`, `/ticket list`).
    public func run(
        _ command: TextCommand, as principal: Principal, requesterName: String?, language: Language, surface: CommandSurface = .text
    ) async -> CommandReply {
        do {
            return try await perform(command, as: principal, requesterName: requesterName, language: language, surface: surface)
        } catch let error as TicketError {
            return CommandReply(
                text: CommandText.failure(error, command: command, language: language, surface: surface), ticket: command.ticketID,
                failed: true)
        } catch {
            return CommandReply(
                text: CommandText.failure(.storage("\(error)"), command: command, language: language, surface: surface), failed: true)
        }
    }

    private func perform(
        _ command: TextCommand, as principal: Principal, requesterName: String?, language: Language, surface: CommandSurface
    ) async throws -> CommandReply {
        let escape = DiscordText.escape
        let now = now()
        switch command {
        case .create(let subject, let category, let priority, let description):
            guard let requester = principal.scopedUser else {
                return CommandReply(text: CommandText.staffCannotCreate(language, surface: surface), failed: true)
            }
            // A display name the store would refuse (control characters) is dropped rather than failing the ticket.
            let name = requesterName.flatMap { try? Validation.userName($0) }
            let new = NewTicket(
                requester: requester, subject: subject, category: category, priority: priority, description: description,
                requesterName: name)
            let ticket = try await store.create(new, as: principal, now: now)
            // The ticket is committed: a store too busy to tell its place must not make the answer a failure.
            let place = try? await store.place(of: ticket.id, as: principal, now: now)
            let text = CommandText.created(
                ticket, url: url(ticket.id), place: place?.place, estimate: place?.estimate, language: language, escape: escape)
            return CommandReply(text: text, ticket: ticket.id)
        case .list(let status):
            let page = try await store.queue(QueueFilter(status: status, limit: 50), as: principal, after: nil)
            let text = CommandText.list(
                page.tickets, more: page.nextCursor != nil, status: status, staff: principal.isStaff, now: now, language: language,
                escape: escape)
            return CommandReply(text: text)
        case .view(let id):
            let detail = try await store.thread(id.rawValue, as: principal)
            let text = CommandText.view(detail, staff: principal.isStaff, url: url(id), now: now, language: language, escape: escape)
            return CommandReply(text: text, ticket: id)
        case .reply(let id, let message):
            let before = try await store.ticket(id.rawValue, as: principal)
            _ = try await store.reply(id.rawValue, body: message, internal: false, keepOpen: false, as: principal, now: now)
            return CommandReply(text: CommandText.replied(id, reopened: before.status == .closed, language: language), ticket: id)
        case .close(let id, let resolution):
            let ticket = try await store.close(id.rawValue, resolution: resolution, notifyUser: true, as: principal, now: now)
            return CommandReply(text: CommandText.closed(ticket, language: language, escape: escape), ticket: id)
        case .stats:
            guard principal.isStaff else {
                return CommandReply(text: CommandText.staffOnly(command, language, surface: surface), failed: true)
            }
            let week = ISOWeek(containing: now)
            let stats = try await store.weeklyStats(week, as: principal, now: now)
            let reminders = try await store.reminders(as: principal, now: now, limit: 100)
            return CommandReply(
                text: CommandText.stats(StatsJSON(stats, reminders: reminders, language: language), language: language, escape: escape))
        case .ack(let id):
            guard principal.isStaff else {
                return CommandReply(text: CommandText.staffOnly(command, language, surface: surface), ticket: id, failed: true)
            }
            let ticket = try await store.acknowledge(id.rawValue, as: principal, now: now)
            // Acknowledged before this (a colleague, or a second press): say by whom, not that this caller did it.
            var actor = principal.actorName
            let already = ticket.acknowledgedAt.map { $0 < now } ?? false
            if already, let first = try? await store.detail(id.rawValue, as: principal).events.last(where: { $0.kind == .acknowledged }) {
                actor = first.actor
            }
            return CommandReply(
                text: CommandText.acknowledged(ticket, by: actor, already: already, language: language, escape: escape), ticket: id)
        }
    }

    private func url(_ id: TicketID) -> String { TicketURL.make(base: store.baseURL, id: id) }
}
