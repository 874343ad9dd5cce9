// Reports of unsuitable contributions: what a reason may say, and when enough reports hide a contribution.

/// The flag rules. Each contributor reports a contribution once (`FlagRefusal.alreadyFlagged`,
/// which the store detects); the report is kept with its reason for the moderation queue.
public enum FlagRules {
    public static let reasonMaxCharacters = 500
    public static let reasonMaxBytes = 2000

    /// What is wrong with a (normalised) reason, if anything: required, at most 500 characters.
    public static func validateReason(_ reason: String) -> TextProblem? {
        if reason.isEmpty { return .empty }
        if reason.count > reasonMaxCharacters || reason.utf8.count > reasonMaxBytes { return .tooLong }
        return nil
    }

    /// Whether the report just recorded hides the contribution at once: it is visible and `reports`
    /// distinct contributors have now reported it, at least the campaign's `threshold`. Restoring
    /// it starts the count again (the store resets it), so a restored idea is not re-hidden by old reports.
    public static func hides(_ state: ContributionState, reports: Int, threshold: Int) -> Bool {
        switch state {
        case .visible: reports >= threshold
        case .hidden, .withdrawn, .merged, .pending: false
        }
    }
}
