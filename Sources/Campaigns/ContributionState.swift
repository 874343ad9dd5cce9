// Whether a contribution is shown to the crowd (what each state allows is `ContributionLifecycle`).

/// A contribution's state. The raw value is what the `contributions.state` column holds.
public enum ContributionState: String, Sendable, Codable, CaseIterable {
    /// Shown to everyone.
    case visible
    /// Hidden by a facilitator (moderation).
    case hidden
    /// Withdrawn by its author.
    case withdrawn
    /// Folded into another contribution; its votes moved there (see `MergeRule`).
    case merged
    /// Awaiting a facilitator's approval (pre-moderation).
    case pending
}
