// Whether a comment is shown (what each state allows is `CommentRules`).

/// Whether a comment is shown. The raw value is what the `comments.state` column holds.
public enum CommentState: String, Sendable, Codable, CaseIterable {
    /// Shown under its contribution.
    case visible
    /// Hidden by a facilitator; its author still sees it.
    case hidden
    /// Awaiting a facilitator's approval (allowed by the schema; nothing writes it yet).
    case pending
}
