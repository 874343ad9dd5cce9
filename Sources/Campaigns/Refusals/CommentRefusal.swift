// Why a comment or reply may not be posted.

/// The reason the comment rules refuse a comment.
public enum CommentRefusal: String, Refusal {
    /// The reply names a comment that is not a visible comment of the same contribution.
    case noSuchParent = "no_such_parent"
    /// Replies go one level deep: a reply to a reply is refused.
    case replyTooDeep = "reply_too_deep"

    public var message: String {
        switch self {
        case .noSuchParent: "There is no such comment on this contribution."
        case .replyTooDeep: "Replies go one level deep: reply to the first comment."
        }
    }

    public var kind: RefusalKind { .unprocessable }
}
