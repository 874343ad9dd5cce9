// When a contribution's reports hold it for review: their weight (`ReportWeighing`) against the campaign's threshold.

/// A contribution as the hold rule sees it when a report arrives.
public struct ReportedContribution: Sendable, Equatable {
    /// A statement of the campaign team: never held by reports, only queued for a moderator.
    public var official: Bool
    /// A moderator has already looked at its reports and kept it.
    public var reviewed: Bool
    /// Already held for review.
    public var held: Bool
    /// The weight of its open reports by established identities (joined two days ago or more)…
    public var establishedWeight: Double
    /// … and by fresh ones, the new report included in one of the two.
    public var freshWeight: Double
    /// The campaign's flag threshold: the weight of reports that holds a contribution.
    public var threshold: Int

    public init(official: Bool, reviewed: Bool, held: Bool, establishedWeight: Double, freshWeight: Double, threshold: Int) {
        self.official = official
        self.reviewed = reviewed
        self.held = held
        self.establishedWeight = establishedWeight
        self.freshWeight = freshWeight
        self.threshold = threshold
    }

    /// What the reports count for together: fresh identities' reports add at most half the
    /// threshold, so identities made today or yesterday can never hold a contribution on their own.
    public var countedWeight: Double { establishedWeight + min(freshWeight, Double(threshold) / 2) }
}

/// What a report does to a visible contribution.
public enum ReportDecision: Sendable, Equatable {
    /// Hold it for review: it stays listed but collapsed, takes no votes or comments, and waits
    /// in the moderation queue — demoted, not gone.
    case hold
    /// Leave it as it is; the report waits in the moderation queue.
    case queue
}

public enum ReportRules {
    /// In order: an official statement, a contribution a moderator has already kept, and one
    /// already held are only queued; otherwise reports whose counted weight reaches the threshold
    /// hold it (`ReportedContribution.countedWeight`).
    public static func decide(_ c: ReportedContribution) -> ReportDecision {
        if c.official || c.reviewed || c.held { return .queue }
        return c.countedWeight >= Double(c.threshold) ? .hold : .queue
    }
}
