// Why a contribution may not be edited, withdrawn, moderated or merged.

/// The reason the contribution lifecycle refuses a change.
public enum ContributionRefusal: String, Refusal {
    /// Only a contribution's author may edit or withdraw it.
    case notAuthor = "not_author"
    /// Contributions cannot be edited once they have votes or comments.
    case editLocked = "edit_locked"
    /// Hidden by a facilitator: its author can no longer edit it.
    case hidden = "contribution_hidden"
    /// Withdrawn by its author.
    case withdrawn = "contribution_withdrawn"
    /// Folded into another contribution.
    case merged = "contribution_merged"
    /// Restoring a contribution that is already visible.
    case alreadyVisible = "already_visible"
    /// Hiding a contribution that is already hidden.
    case alreadyHidden = "already_hidden"
    /// Merging into a contribution that is not visible or hidden.
    case mergeTargetUnavailable = "merge_target_unavailable"
    /// Merging a contribution into itself.
    case mergeIntoItself = "merge_into_itself"
    /// Undoing a merge of a contribution that is not merged.
    case notMerged = "not_merged"
    /// Held for review by its reports: no votes, comments or edits until a moderator decides.
    case underReview = "under_review"
    /// Dismissing the reports of a contribution the crowd does not see (hide or restore it instead).
    case notVisible = "not_visible"

    public var message: String {
        switch self {
        case .notAuthor: "Only the author can change this contribution."
        case .editLocked: "Contributions cannot be edited once they have votes or comments."
        case .hidden: "This contribution has been hidden by a facilitator and can no longer be changed."
        case .withdrawn: "This contribution has been withdrawn by its author."
        case .merged: "This contribution has been merged into another."
        case .alreadyVisible: "This contribution is already visible."
        case .alreadyHidden: "This contribution is already hidden."
        case .mergeTargetUnavailable: "Contributions can be merged only into a visible or hidden one."
        case .mergeIntoItself: "A contribution cannot be merged into itself."
        case .notMerged: "This contribution is not merged."
        case .underReview:
            "This contribution was reported and is waiting for a moderator: it takes no votes, comments or edits until then."
        case .notVisible: "Only a visible contribution's reports can be dismissed."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .notAuthor: .notPermitted
        case .mergeIntoItself: .unprocessable
        case .editLocked, .hidden, .withdrawn, .merged, .alreadyVisible, .alreadyHidden, .mergeTargetUnavailable,
            .notMerged, .underReview, .notVisible:
            .conflict
        }
    }
}
