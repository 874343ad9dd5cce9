// The lifecycle states of a campaign and of a contribution, and who may join a campaign.

/// A campaign's lifecycle: only a live campaign accepts anything from the crowd; draft and archived
/// campaigns are read-only.
public enum CampaignState: String, Sendable, Codable {
    case draft, live, archived
}

/// Who may take part: anyone with the link, or only people holding an invitation.
public enum AccessMode: String, Sendable, Codable {
    case open, invite
}

/// Whether a contribution is shown to the crowd.
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
