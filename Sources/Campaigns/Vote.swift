// A thumbs-up or thumbs-down on a contribution, and how changing one moves the contribution's counts.

/// A contributor's vote on one contribution. The raw value is what the API and the tables hold.
public enum Vote: Int, Sendable, Hashable, CaseIterable {
    case down = -1
    /// No vote: never cast, or retracted.
    case neither = 0
    case up = 1

    /// The vote an API value names (1, -1 or 0), `nil` for anything else.
    public init?(_ value: Int64) {
        guard let vote = Vote(rawValue: Int(clamping: value)), Int64(vote.rawValue) == value else { return nil }
        self = vote
    }
}

/// What replacing one vote by another does to a contribution's `up` and `down`: each moves by
/// -1, 0 or +1, and changing a vote to itself changes nothing (a repeated vote is idempotent).
public struct CountChange: Sendable, Equatable {
    public var up: Int
    public var down: Int

    public init(up: Int = 0, down: Int = 0) {
        self.up = up
        self.down = down
    }

    /// Replacing `old` by `new`.
    public init(from old: Vote, to new: Vote) {
        up = (new == .up ? 1 : 0) - (old == .up ? 1 : 0)
        down = (new == .down ? 1 : 0) - (old == .down ? 1 : 0)
    }

    public var isZero: Bool { up == 0 && down == 0 }

    public static func += (lhs: inout CountChange, rhs: CountChange) {
        lhs.up += rhs.up
        lhs.down += rhs.down
    }
}

/// A contribution's vote counts and the scores the listings order by.
public struct VoteCounts: Sendable, Equatable {
    public var up: Int
    public var down: Int

    public init(up: Int, down: Int) {
        self.up = up
        self.down = down
    }

    /// The `top` order's key (`Ranking.wilsonLowerBound`).
    public var score: Double { Ranking.wilsonLowerBound(up: up, down: down) }
    /// The `controversial` order's key (`Ranking.controversy`).
    public var controversy: Double { Ranking.controversy(up: up, down: down) }

    public static func + (counts: VoteCounts, change: CountChange) -> VoteCounts {
        VoteCounts(up: counts.up + change.up, down: counts.down + change.down)
    }
}
