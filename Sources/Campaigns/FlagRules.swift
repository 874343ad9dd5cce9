// Reports of unsuitable contributions: what a reason may say (what reports weigh and do is `ReportRules`).

/// The flag rules. Each contributor reports a contribution once (`FlagRefusal.alreadyFlagged`,
/// which the store detects); the report is kept with its reason and weight for the moderation
/// queue, and `ReportRules.decide` says whether the reports now hold the contribution for review.
public enum FlagRules {
    public static let reasonMaxCharacters = 500
    public static let reasonMaxBytes = 2000

    /// What is wrong with a (normalised) reason, if anything: required, at most 500 characters.
    public static func validateReason(_ reason: String) -> TextProblem? {
        if reason.isEmpty { return .empty }
        if reason.count > reasonMaxCharacters || reason.utf8.count > reasonMaxBytes { return .tooLong }
        return nil
    }
}
