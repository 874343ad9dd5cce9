// Every moderation decision (hide, restore, approve, dismiss, redact, merge, a comment's) says why: the audit log keeps it.

/// The reason a moderator gives: required, at most `maximum` characters (normalised by the caller).
public enum ModerationReason {
    public static let maximum = 1000

    /// What is wrong with a reason.
    public enum Problem: Sendable, Equatable {
        case missing, tooLong

        /// The sentence the API answers with, on the `reason` field.
        public var message: String {
            switch self {
            case .missing: "Say why, for the audit log."
            case .tooLong: "At most \(ModerationReason.maximum) characters."
            }
        }
    }

    public static func check(_ reason: String) -> Problem? {
        if reason.isEmpty { return .missing }
        return reason.count > maximum ? .tooLong : nil
    }
}
