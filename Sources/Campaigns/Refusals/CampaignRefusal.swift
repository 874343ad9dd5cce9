// Why staff may not change a campaign's set-up or lifecycle.

/// The reason a change to a campaign itself is refused.
public enum CampaignRefusal: String, Refusal {
    /// Archived campaigns are read-only for everyone (they stay readable and exportable).
    case archived = "campaign_archived"
    /// Launching a campaign that is already live.
    case alreadyLive = "already_live"
    /// Another campaign has this slug.
    case slugTaken = "slug_taken"
    /// Profile questions change only in a draft: replacing them drops the answers given.
    case profileLocked = "profile_questions_locked"

    public var message: String {
        switch self {
        case .archived: "This campaign is archived and can no longer change."
        case .alreadyLive: "This campaign is already live."
        case .slugTaken: "That address is taken."
        case .profileLocked: "Profile questions can change only before launch."
        }
    }

    public var kind: RefusalKind { .conflict }
}
