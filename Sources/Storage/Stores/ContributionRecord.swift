// A contribution as stored, and the listing query with its sorts and keyset cursor.
import Campaigns

/// One contribution with its counts. `contributorID` is for ownership checks inside the server
/// only: it must never be written into a response.
public struct ContributionRecord: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var campaignSlug: String
    public var questionID: Int64
    public var phase: PhaseKind
    public var title: String?
    public var body: String
    public var themes: [Int64]
    public var up: Int
    public var down: Int
    public var score: Double
    public var commentCount: Int
    public var createdAt: Int64
    public var editedAt: Int64?
    public var state: ContributionState
    public var official: Bool
    public var shortlisted: Bool
    /// Reports weighed its campaign's threshold: listed collapsed, closed to votes and comments,
    /// until a moderator decides (`ReportRules`). Only ever set on a visible contribution.
    public var held: Bool = false
    /// A moderator kept it after reports: later reports queue it without holding it again.
    public var reviewed: Bool = false
    public var contributorID: Int64?

    /// What the lifecycle rules decide on.
    public var facts: ContributionFacts { ContributionFacts(state: state, phase: phase, authorID: contributorID, held: held) }
}

public struct NewContribution: Sendable {
    public var campaignID: Int64
    public var questionID: Int64
    public var contributorID: Int64?
    public var phase: PhaseKind
    public var title: String?
    public var body: String
    public var themes: [Int64]
    public var state: ContributionState
    public var official: Bool

    public init(
        campaignID: Int64, questionID: Int64, contributorID: Int64?, phase: PhaseKind, title: String?, body: String,
        themes: [Int64] = [], state: ContributionState = .visible, official: Bool = false
    ) {
        self.campaignID = campaignID
        self.questionID = questionID
        self.contributorID = contributorID
        self.phase = phase
        self.title = title
        self.body = body
        self.themes = themes
        self.state = state
        self.official = official
    }
}

/// The orders a listing can take.
public enum ContributionSort: String, Sendable, CaseIterable {
    /// Wilson lower bound of up/down votes, highest first.
    case top
    case new
    /// Ranking.controversy: many votes, evenly split.
    case controversial
    /// Most comments first.
    case discussed
    /// A stable shuffle per contributor (Ranking.shuffleKey with their seed).
    case random
}

/// Where the next page starts: the sort key and id of the last item returned (keyset
/// pagination), or for `random` the offset into the shuffled order.
public struct ContributionCursor: Sendable, Equatable {
    public var sort: ContributionSort
    public var key: Double
    public var id: Int64

    public init(sort: ContributionSort, key: Double, id: Int64) {
        self.sort = sort
        self.key = key
        self.id = id
    }
}

public struct ContributionQuery: Sendable {
    public var campaignID: Int64
    public var questionID: Int64?
    public var themeID: Int64?
    public var sort: ContributionSort
    /// The user's words; each is quoted before it reaches FTS5, so no query syntax gets through.
    public var text: String?
    public var limit: Int
    public var cursor: ContributionCursor?
    public var shuffleSeed: UInt64
    /// `true`: only those on the shortlist (the latest round up to Act; what Prioritise is about); `false`: only
    /// those not in it; nil: both.
    public var shortlisted: Bool?

    public init(
        campaignID: Int64, questionID: Int64? = nil, themeID: Int64? = nil, sort: ContributionSort = .top,
        text: String? = nil, limit: Int = 20, cursor: ContributionCursor? = nil, shuffleSeed: UInt64 = 0,
        shortlisted: Bool? = nil
    ) {
        self.campaignID = campaignID
        self.questionID = questionID
        self.themeID = themeID
        self.sort = sort
        self.text = text
        self.limit = limit
        self.cursor = cursor
        self.shuffleSeed = shuffleSeed
        self.shortlisted = shortlisted
    }
}

public struct ContributionPage: Sendable {
    public var items: [ContributionRecord]
    public var next: ContributionCursor?
}

/// The parts of a contribution a vote on it is checked against.
public struct VoteTarget: Sendable, Equatable {
    public var campaignID: Int64
    public var campaignSlug: String
    public var phase: PhaseKind
    public var state: ContributionState
    public var shortlisted: Bool
    /// Held for review: it takes no votes meanwhile.
    public var held: Bool
    /// Part of a draft, whose own rules decide instead of the idea's phase (`DraftRules`).
    public var draft: DraftTarget? = nil
}

/// A short match for "has this been said already?".
public struct SimilarContribution: Sendable, Equatable {
    public var id: Int64
    public var title: String?
    public var body: String
    public var up: Int
    public var down: Int
}
