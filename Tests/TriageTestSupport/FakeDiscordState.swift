import Foundation

/// What the fake Discord has seen and what it will answer next: the recorded requests, scripted behaviours per
/// webhook or channel id, posted messages, nonces, and in-flight counts. An actor, shared by the route handlers and
/// the test.
actor FakeDiscordState {
    let botToken: String
    /// The application's commands and webhooks (`FakeDiscord+Application.swift`).
    let application = FakeDiscordApplication()
    private(set) var requests: [FakeDiscord.RecordedRequest] = []
    private(set) var messages: [FakeDiscord.PostedMessage] = []
    private var scripts: [String: [FakeDiscord.Behaviour]] = [:]
    private var inFlight: [String: Int] = [:]
    private var maxInFlight: [String: Int] = [:]
    private var nonces: [String: FakeDiscord.PostedMessage] = [:]
    private var dmChannels: [String: String] = [:]
    private var nextSnowflake: UInt64 = 1_300_000_000_000_000_000
    private var waiters: [UUID: (count: Int, continuation: CheckedContinuation<[FakeDiscord.RecordedRequest], Never>)] = [:]

    init(botToken: String) { self.botToken = botToken }

    // MARK: Requests

    /// Records an arriving request and counts it in flight for `key` until `finish(key)`.
    func arrive(_ request: FakeDiscord.RecordedRequest, key: String) {
        requests.append(request)
        inFlight[key, default: 0] += 1
        maxInFlight[key] = max(maxInFlight[key] ?? 0, inFlight[key]!)
        for (id, waiter) in waiters where requests.count >= waiter.count {
            waiters[id] = nil
            waiter.continuation.resume(returning: requests)
        }
    }

    func finish(_ key: String) { inFlight[key, default: 1] -= 1 }

    func maxInFlight(_ key: String) -> Int { maxInFlight[key] ?? 0 }

    /// How many `waitForRequests` callers are waiting.
    var waiting: Int { waiters.count }

    /// The requests once there are at least `count`, or all there are when `timeout` passes first.
    func waitForRequests(count: Int, timeout: Duration) async -> [FakeDiscord.RecordedRequest] {
        if requests.count >= count { return requests }
        let id = UUID()
        let timer = Task {
            try? await Task.sleep(for: timeout)
            self.expire(id)
        }
        let result = await withCheckedContinuation { continuation in
            waiters[id] = (count, continuation)
        }
        timer.cancel()
        return result
    }

    private func expire(_ id: UUID) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.continuation.resume(returning: requests)
    }

    // MARK: Scripts

    func script(_ key: String, _ behaviours: [FakeDiscord.Behaviour]) {
        scripts[key, default: []] += behaviours
    }

    /// The next scripted behaviour for `key`, or `.ok` once the script is used up.
    func nextBehaviour(_ key: String) -> FakeDiscord.Behaviour {
        guard var queue = scripts[key], !queue.isEmpty else { return .ok }
        let next = queue.removeFirst()
        scripts[key] = queue
        return next
    }

    // MARK: Messages

    func snowflake() -> String {
        nextSnowflake += 1
        return String(nextSnowflake)
    }

    /// The DM channel with `recipient`, the same one every time.
    func dmChannel(for recipient: String) -> String {
        if let id = dmChannels[recipient] { return id }
        let id = snowflake()
        dmChannels[recipient] = id
        return id
    }

    /// Posts a message; with `enforceNonce` and a nonce already used in that channel, returns the first message and
    /// posts nothing (Create Message's documented behaviour).
    func post(channel: String?, webhook: String?, body: [UInt8], nonce: String?, enforceNonce: Bool) -> FakeDiscord.PostedMessage {
        let nonceKey = nonce.map { "\(channel ?? webhook ?? ""):\($0)" }
        if enforceNonce, let nonceKey, let first = nonces[nonceKey] { return first }
        let message = FakeDiscord.PostedMessage(id: snowflake(), channelID: channel, webhookID: webhook, body: body)
        messages.append(message)
        if enforceNonce, let nonceKey { nonces[nonceKey] = message }
        return message
    }
}
