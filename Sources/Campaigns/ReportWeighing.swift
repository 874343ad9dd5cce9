// How much one report counts, from what its reporter has done (what the reports then do is `ReportRules`).

/// What a reporting identity has done in its campaign, when it reports.
public struct ReporterStanding: Sendable, Equatable {
    /// Whole UTC days since the day it joined (0: today). Only the day of joining is kept
    /// (PRIVACY.md), so 1 means anything from a minute to two days.
    public var days: Int64
    /// Its visible contributions and comments: things other people could read and react to.
    public var posts: Int
    /// Its votes.
    public var votes: Int

    public init(days: Int64, posts: Int, votes: Int) {
        self.days = days
        self.posts = posts
        self.votes = votes
    }
}

/// Reports are weighed, not counted: an identity that joined today with nothing to its name
/// counts for a sixteenth of one that joined two days ago or more and has taken part, and fresh
/// identities (joined today or yesterday) together count for at most half the threshold
/// (`ReportedContribution.countedWeight`). One address can mint dozens of identities an hour; it
/// cannot make them old, and it cannot make them take part without leaving posts moderators see.
/// Ages are in days because only the day of joining is kept (PRIVACY.md); two days is the first
/// age that means at least a whole day.
///
/// weight = age factor × activity factor, in (0, 1], always a multiple of 1/64 (exact in binary,
/// so sums of weights compare exactly with the threshold):
/// - age: joined today 1/8, yesterday 1/4, two days ago or more 1;
/// - activity: 1 with a post, 3/4 with at least `votesThatCount` votes, else 1/2.
public enum ReportWeighing {
    public static let votesThatCount = 5
    /// From this many days after joining an identity is established; younger ones are fresh.
    public static let establishedDays: Int64 = 2

    /// Whether a report made `days` days after its reporter joined is a fresh identity's.
    public static func isFresh(days: Int64) -> Bool { days < establishedDays }

    public static func weight(_ standing: ReporterStanding) -> Double {
        let age: Double = switch standing.days {
        case ..<1: 0.125
        case ..<establishedDays: 0.25
        default: 1
        }
        let activity = standing.posts > 0 ? 1 : standing.votes >= votesThatCount ? 0.75 : 0.5
        return age * activity
    }
}
