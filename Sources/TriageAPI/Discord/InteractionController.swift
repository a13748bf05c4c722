import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TriageCore
import TriageDiscord
import TriageStore

/// `POST /discord/interactions` (SPEC §8, design §5.6): Discord's HTTP interactions, outside bearer auth.
///
/// 1. The Ed25519 signature over the timestamp and the raw body bytes, with `[discord] public_key` (401 otherwise);
///    then the JSON of those same bytes; PING is answered PONG; `application_id` must be ours (401 otherwise).
/// 2. Exactly once: the interaction id is claimed in the store before anything is done; a redelivery gets the
///    stored first answer (or "in progress" while the first is at work), never a second ticket.
/// 3. Within Discord's 3 s: the work gets `budget` (2 s); a busy store or a slower answer becomes a deferred answer
///    (type 5, ephemeral) and the work finishes in the background, editing `@original` through `DiscordClient`
///    — with an error text if it fails, never leaving "thinking…".
///
/// Without `[discord] public_key` and `application_id` the route answers 404 (`discord_not_configured`): there is no
/// endpoint to reach until the application is set up. Nothing here answers 5xx: a body that is not an interaction is
/// a 400, anything Triage does not know an ephemeral "❌ …".
struct InteractionController: Sendable {
    /// Runs one ticket command as a principal: `CommandRunner.run` as a slash command, replaceable in tests.
    typealias RunCommand = @Sendable (TextCommand, Principal, String?, Language) async -> CommandReply

    /// Either backend.
    let store: any TicketStoring
    let discord: TriageConfig.Discord
    let verifier: InteractionSignature?
    let runCommand: RunCommand
    let client: DiscordClient
    /// How long the work may take before the answer is deferred (Discord allows 3 s in all).
    let budget: Duration
    let now: @Sendable () -> Date
    let logger = Logger(label: "triage.discord.interactions")

    /// The largest body read; Discord's interactions are a few KiB.
    static let maxBody = 1 << 20
    static let path = "/discord/interactions"

    init(
        store: any TicketStoring, config: TriageConfig, runCommand: RunCommand? = nil,
        client: DiscordClient = DiscordClient(),
        budget: Duration = .seconds(2), now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        discord = config.discord
        verifier = discord.applicationID == nil ? nil : discord.publicKey.flatMap(InteractionSignature.init(publicKeyHex:))
        let runner = CommandRunner(tickets: store, config: config, now: now)
        self.runCommand =
            runCommand ?? { command, principal, name, language in
                await runner.run(command, as: principal, requesterName: name, language: language, surface: .slash)
            }
        self.client = client
        self.budget = budget
        self.now = now
    }

    func register(on router: Router<APIRequestContext>) {
        router.post(RouterPath(Self.path)) { request, context in try await handle(request, context: context) }
    }

    // MARK: The request

    @Sendable func handle(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let verifier, let applicationID = discord.applicationID else {
            throw APIError(
                .notFound, code: "discord_not_configured",
                message: "the Discord interactions endpoint is off: set [discord] application_id and public_key in config.toml")
        }
        let body = try await JSONResponse.body(of: request, upTo: Self.maxBody)
        do {
            try verifier.verify(
                signature: request.headers[HTTPField.Name(InteractionSignature.signatureHeader)!],
                timestamp: request.headers[HTTPField.Name(InteractionSignature.timestampHeader)!], body: body.readableBytesView,
                now: now())
        } catch {
            return Self.refusal(error.description)
        }
        let interaction: Interaction
        do {
            interaction = try JSONResponse.decoder.decode(Interaction.self, from: Data(body.readableBytesView))
        } catch {
            throw APIError.malformed("the body is not a Discord interaction")
        }
        if interaction.kind == .ping { return Self.answer(.pong) }
        guard interaction.applicationID == applicationID else { return Self.refusal("this interaction is for another application") }
        guard let kind = interaction.kind else { throw APIError.malformed("unknown interaction type \(interaction.type)") }
        guard let caller = InteractionCaller(interaction, staffRoles: discord.staffRoleIDs) else {
            throw APIError.malformed("the interaction names no user")
        }
        if kind == .autocomplete { return Self.answer(await autocomplete(interaction, caller: caller)) }
        return Self.answer(encoded: await answerOnce(interaction, kind: kind, caller: caller))
    }

    /// The answer to a claimed interaction, within the budget or deferred; the stored answer for a redelivery.
    private func answerOnce(_ interaction: Interaction, kind: Interaction.Kind, caller: InteractionCaller) async -> Data {
        let work = Task { await claimAndDispatch(interaction, kind: kind, caller: caller) }
        switch await Self.within(budget, work) {
        case .done(.done(let data)):
            return data
        case .done(.busy):
            Task { await finishLate(interaction, kind: kind, caller: caller, first: nil) }
        case .late(let task):
            Task { await finishLate(interaction, kind: kind, caller: caller, first: task) }
        }
        return InteractionResponse.deferred.jsonData()
    }

    /// Claims the interaction id, then does the work and records its answer; a redelivery gets the first answer.
    private func claimAndDispatch(_ interaction: Interaction, kind: Interaction.Kind, caller: InteractionCaller) async -> Step {
        let claim: InteractionClaim
        do {
            let (id, now) = (interaction.id, now())
            claim = try await store.claimInteraction(id, now: now)
        } catch {
            return .busy
        }
        switch claim {
        case .answered(let json): return .done(Data(json.utf8))
        case .inProgress: return .done(InteractionResponse.message(InteractionText.inProgress(caller.language)).jsonData())
        case .new: break
        }
        let step = await dispatch(interaction, kind: kind, caller: caller)
        switch step {
        case .done(let data): await record(interaction.id, data)
        case .busy:
            // Nothing was done: let the late retry (or a redelivery) claim it again rather than read "in progress".
            let id = interaction.id
            try? await store.releaseInteraction(id)
        }
        return step
    }

    /// After a deferred answer: the work's answer (or, when the store was busy, one more try of it) as an edit of
    /// `@original`; an error text if that fails too, so that the user is never left on "thinking…".
    private func finishLate(_ interaction: Interaction, kind: Interaction.Kind, caller: InteractionCaller, first: Task<Step, Never>?) async
    {
        var step = await first?.value ?? .busy
        if case .busy = step { step = await claimAndDispatch(interaction, kind: kind, caller: caller) }
        let text: String =
            switch step {
            case .done(let data): Self.content(of: data) ?? InteractionText.failed(caller.language)
            case .busy: InteractionText.busy(caller.language)
            }
        let outcome = await client.editOriginalResponse(
            apiBase: discord.apiBase, applicationID: interaction.applicationID, interactionToken: interaction.token,
            message: DiscordMessage(content: text))
        if case .delivered = outcome { return }
        logger.warning("interaction follow-up failed", metadata: ["outcome": "\(outcome.label)", "reason": "\(outcome.reason ?? "")"])
    }

    private func record(_ id: String, _ data: Data) async {
        let (json, now) = (String(decoding: data, as: UTF8.self), now())
        do {
            try await store.recordInteractionResponse(id, response: json, now: now)
        } catch {
            logger.warning("interaction answer not recorded", metadata: ["id": "\(id)", "error": "\(error)"])
        }
    }

    // MARK: Budget

    /// What the work came to: an answer, or a store too busy to do it now.
    enum Step: Sendable {
        case done(Data)
        case busy
    }

    enum Budgeted<T: Sendable>: Sendable {
        case done(T)
        case late(Task<T, Never>)
    }

    /// `task`'s value if it comes within `budget`; the task itself (still running) otherwise.
    static func within<T: Sendable>(_ budget: Duration, _ task: Task<T, Never>) async -> Budgeted<T> {
        let first = FirstOf<T?>()
        let value: T? = await withCheckedContinuation { continuation in
            first.set(continuation)
            Task { first.resume(await task.value) }
            Task {
                try? await Task.sleep(for: budget)
                first.resume(nil)
            }
        }
        return value.map { .done($0) } ?? .late(task)
    }

    // MARK: Answers

    static func answer(_ response: InteractionResponse) -> Response { answer(encoded: response.jsonData()) }

    static func answer(encoded data: Data) -> Response { JSONResponse.make(encoded: data) }

    /// A 401 with a JSON error (and no bearer challenge: this route takes no token).
    static func refusal(_ message: String) -> Response {
        JSONResponse.make(APIError.Body(error: .init(code: "bad_signature", message: message)), status: .unauthorized)
    }

    /// The `content` of an encoded answer.
    static func content(of data: Data) -> String? {
        (try? JSONResponse.decoder.decode(JSONValue.self, from: data))?["data"]?["content"]?.string
    }
}

/// A continuation resumed by whichever of several racers comes first (`set` it before starting them); the others
/// are ignored.
final class FirstOf<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, Never>?>(nil)

    func set(_ continuation: CheckedContinuation<T, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    func resume(_ value: T) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}
