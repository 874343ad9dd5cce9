// How much one report counts, from what its reporter has done, and when reports hold a contribution for review.

/// What a reporting identity has done in its campaign, when it reports.
public struct ReporterStanding: Sendable, Equatable {
    /// Seconds since it joined.
    public var age: Int64
    /// Its visible contributions and comments: things other people could read and react to.
    public var posts: Int
    /// Its votes.
    public var votes: Int

    public init(age: Int64, posts: Int, votes: Int) {
        self.age = age
        self.posts = posts
        self.votes = votes
    }
}

/// Reports are weighed, not counted: an identity minted a minute ago with nothing to its name
/// counts for a sixteenth of one that has been around a day and taken part. One address can mint
/// dozens of identities an hour; it cannot make them old, and it cannot make them take part
/// without leaving posts that moderators see.
///
/// weight = age factor × activity factor, in (0, 1], always a multiple of 1/64 (exact in binary,
/// so sums of weights compare exactly with the threshold):
/// - age: under 10 minutes 1/8, under an hour 1/4, under a day 1/2, from a day on 1;
/// - activity: 1 with a post, 3/4 with at least `votesThatCount` votes, else 1/2.
public enum ReportWeighing {
    public static let votesThatCount = 5

    public static func weight(_ standing: ReporterStanding) -> Double {
        let age: Double = switch standing.age {
        case ..<600: 0.125
        case ..<3600: 0.25
        case ..<86_400: 0.5
        default: 1
        }
        let activity = standing.posts > 0 ? 1 : standing.votes >= votesThatCount ? 0.75 : 0.5
        return age * activity
    }
}

/// A contribution as the hold rule sees it when a report arrives.
public struct ReportedContribution: Sendable, Equatable {
    /// A statement of the campaign team: never held by reports, only queued for a moderator.
    public var official: Bool
    /// A moderator has already looked at its reports and kept it.
    public var reviewed: Bool
    /// Already held for review.
    public var held: Bool
    /// The weight of its open reports, the new one included.
    public var openWeight: Double
    /// The campaign's flag threshold: the weight of reports that holds a contribution.
    public var threshold: Int

    public init(official: Bool, reviewed: Bool, held: Bool, openWeight: Double, threshold: Int) {
        self.official = official
        self.reviewed = reviewed
        self.held = held
        self.openWeight = openWeight
        self.threshold = threshold
    }
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
    /// already held are only queued; otherwise reports weighing the threshold hold it.
    public static func decide(_ c: ReportedContribution) -> ReportDecision {
        if c.official || c.reviewed || c.held { return .queue }
        return c.openWeight >= Double(c.threshold) ? .hold : .queue
    }
}
