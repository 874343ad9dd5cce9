// Comments on contributions: who sees them, which may be replied to, and what moderation does to them.

/// What the reply rule knows about the comment being replied to.
public struct CommentFacts: Sendable, Equatable {
    public var contributionID: Int64
    /// The comment it replies to, nil for a first-level comment.
    public var parentID: Int64?
    public var state: CommentState

    public init(contributionID: Int64, parentID: Int64?, state: CommentState) {
        self.contributionID = contributionID
        self.parentID = parentID
        self.state = state
    }
}

/// The comment rules. What the phases allow (`PhaseRules` with `.comment`) and that the contribution
/// is one the crowd sees (`ContributionLifecycle.crowdSees`) are asked first; text limits are `TextRules`.
public enum CommentRules {
    /// Replies go one level deep: the parent (nil when the id names no comment) must be a visible
    /// comment of the same contribution, and not itself a reply.
    public static func reply(to parent: CommentFacts?, on contributionID: Int64) -> CommentRefusal? {
        guard let parent, parent.contributionID == contributionID, crowdSees(parent.state) else { return .noSuchParent }
        return parent.parentID == nil ? nil : .replyTooDeep
    }

    /// The crowd sees visible comments (an author also their own hidden ones, which the store reads).
    public static func crowdSees(_ state: CommentState) -> Bool {
        switch state {
        case .visible: true
        case .hidden, .pending: false
        }
    }

    /// The state a moderation action leaves a comment in. Comments are moderated idempotently:
    /// hiding a hidden comment (or restoring a visible one) is allowed and changes nothing.
    public static func moderate(_ action: ModerationAction, _ state: CommentState) -> CommentState {
        switch action {
        case .hide: .hidden
        case .restore: .visible
        }
    }
}
