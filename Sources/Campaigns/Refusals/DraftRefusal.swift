// Why the crowd may not act on a draft right now, or facilitators may not decide on an amendment.

/// The reason `DraftRules` refuses.
public enum DraftRefusal: String, Refusal {
    /// The draft runs in phases the facilitator chose, and none of them is open yet.
    case notOpen = "draft_not_open"
    /// Every phase the draft runs in has closed: it can be read, not changed.
    case closed = "draft_closed"
    /// The final version is published as the result.
    case final = "draft_final"
    /// Facilitators already accepted or declined this amendment.
    case decided = "amendment_decided"
    /// The section changed after the amendment was written, so accepting it would undo that change.
    case stale = "amendment_stale"
    /// The amendment's text is the section's current text.
    case unchanged = "amendment_unchanged"
    /// Amendments still wait for an answer; every one is accepted or declined before the final version.
    case pending = "amendments_pending"

    public var message: String {
        switch self {
        case .notOpen: "This draft is not open for challenge yet."
        case .closed: "This draft is closed to challenge and can only be read."
        case .final: "The final version of this draft is published; it can no longer be changed."
        case .decided: "This amendment has already been answered."
        case .stale: "The section has changed since this amendment was written. Decline it with a reason, or ask for a new one."
        case .unchanged: "The amendment is the same as the section's current text."
        case .pending: "Accept or decline every amendment before publishing the final version."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .notOpen, .closed, .final, .decided, .stale, .pending: .conflict
        case .unchanged: .unprocessable
        }
    }
}
