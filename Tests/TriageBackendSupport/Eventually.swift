import Foundation

/// Waits for something another task or process does in its own time (a write off the request path, a feed's
/// notification): checks `condition` every 10 ms and answers whether it held within `limit`. The limit only guards
/// against a hang; no test measures time with it.
public func eventually(limit: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try await condition()
}
