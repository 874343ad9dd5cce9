// The rules of reporting back: which ideas get a status, when updates may be added, and the status
// an idea shows before anyone has set one.

/// What the outcome rules know about an idea, read inside the write that changes it.
public struct OutcomeSubject: Sendable, Equatable {
    public var phase: PhaseKind
    public var state: ContributionState
    /// The latest status staff set, if any.
    public var current: OutcomeStatus?

    public init(phase: PhaseKind, state: ContributionState, current: OutcomeStatus?) {
        self.phase = phase
        self.state = state
        self.current = current
    }
}

/// Outcomes are reported on ideas (Answer-phase contributions) the crowd can read. Unlike every
/// other staff change they are allowed after the campaign is archived: reporting back months later
/// is the point of them.
public enum OutcomeRules {
    /// Longest official response or update note, in characters.
    public static let maxResponse = 2000
    /// Longest responsible role or site name, in characters.
    public static let maxLabel = 120

    /// nil when `idea` may be given `status` now.
    public static func setStatus(_ status: OutcomeStatus, on idea: OutcomeSubject) -> OutcomeRefusal? {
        guard isReportable(idea) else { return .notReportable }
        return idea.current == status ? .unchanged : nil
    }

    /// nil when an implementation update may be added to `idea`: it must have been adopted.
    public static func addUpdate(on idea: OutcomeSubject) -> OutcomeRefusal? {
        guard isReportable(idea) else { return .notReportable }
        return idea.current?.isAdopted == true ? nil : .notAdopted
    }

    /// The public may read outcomes of visible ideas only (a withdrawn, hidden or merged idea has none to show).
    public static func isReportable(_ idea: OutcomeSubject) -> Bool {
        idea.phase == .answer && ContributionLifecycle.crowdSees(idea.state)
    }

    /// The status the public sees: the one staff set, else what the shortlist already says (an
    /// idea in the published round is in the guide, one in an earlier round is shortlisted), else none.
    public static func shown(set: OutcomeStatus?, rounds: Set<ShortlistRound>) -> OutcomeStatus? {
        if let set { return set }
        if rounds.contains(.published) { return .inGuide }
        return rounds.isEmpty ? nil : .shortlisted
    }
}
