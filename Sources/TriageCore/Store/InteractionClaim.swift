import Foundation

/// What the store knows of a Discord interaction id when a delivery of it arrives.
public enum InteractionClaim: Sendable, Equatable {
    /// First delivery: this request now owns the interaction and must record its answer.
    case new
    /// Answered before: send this stored answer (JSON) again, do nothing else.
    case answered(String)
    /// Another delivery claimed it and has not recorded its answer (still at work, or it crashed before recording).
    case inProgress

    /// How long answered interaction ids are kept: Discord's tokens live 15 minutes, so a redelivery after a day
    /// cannot happen.
    public static let retention: TimeInterval = 86_400
}
