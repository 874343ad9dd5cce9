// When people who joined may comment on a published mini-guide ("have your say").

/// A guide's comments are its idea's comment thread, so they are moderated, reported, exported and
/// erased as every other comment. What differs is when they may be written: whenever the guide is
/// published, whatever phase is open, until the campaign is archived.
public enum GuideCommentRules {
    /// nil when a comment may be added to a guide in this state.
    public static func check(published: Bool, campaign: CampaignState) -> (any Refusal)? {
        switch campaign {
        case .archived: return CampaignRefusal.archived
        case .draft, .live: break
        }
        return published ? nil : GuideRefusal.notPublished
    }
}
