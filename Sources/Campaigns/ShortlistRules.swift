// What an idea must satisfy to enter a shortlist round, and what leaving one takes with it.

/// What the eligibility rule knows about an idea and its campaign, read inside the selecting write.
public struct ShortlistCandidate: Sendable, Equatable {
    public var phase: PhaseKind
    public var state: ContributionState
    /// It is in the round before the one asked for (true for the first round, which has none).
    public var inPreviousRound: Bool
    /// Its guide exists and is marked final.
    public var guideFinal: Bool

    public init(phase: PhaseKind, state: ContributionState, inPreviousRound: Bool, guideFinal: Bool) {
        self.phase = phase
        self.state = state
        self.inPreviousRound = inPreviousRound
        self.guideFinal = guideFinal
    }
}

/// Shortlist eligibility. Ideas are visible Answer-phase contributions; each round draws from the
/// one before. The act round waits until Prioritise is no longer open, because the contributor
/// API's `shortlisted` flag (and so who may vote in Prioritise) follows the latest round. The
/// published round needs the idea's guide to be marked final.
public enum ShortlistRules {
    /// nil when `idea` may enter `round` with the campaign's phases as they are.
    public static func check(_ round: ShortlistRound, _ idea: ShortlistCandidate, phases: [Phase]) -> ShortlistRefusal? {
        guard idea.phase == .answer, ContributionLifecycle.crowdSees(idea.state) else { return .notAnIdea }
        if round.previous != nil, !idea.inPreviousRound { return .notInPreviousRound }
        switch round {
        case .prioritise:
            return nil
        case .act:
            return phases.state(of: .prioritise) == .open ? .prioritiseOpen : nil
        case .published:
            return idea.guideFinal ? nil : .guideNotFinal
        }
    }

    /// Taking an idea out of `round` takes it out of every later round too (rounds only grow forward).
    public static func roundsLeft(_ round: ShortlistRound) -> [ShortlistRound] {
        ShortlistRound.allCases.filter { $0.number >= round.number }
    }

    /// A selection says why, in 1…1000 characters (normalised): the reason is the audit log's and the
    /// author's alert's.
    public static func isValidReason(_ reason: String) -> Bool {
        (1...1000).contains(reason.count)
    }

    /// Whether taking an idea out of `round` unpublishes its guide: leaving any round leaves the later
    /// ones (`roundsLeft`), the published round among them, so a published guide always goes with it.
    public static func unpublishesGuide(leaving round: ShortlistRound) -> Bool {
        roundsLeft(round).contains(.published)
    }

    /// Whether entering `round` publishes the idea's guide.
    public static func publishesGuide(_ round: ShortlistRound) -> Bool {
        switch round {
        case .prioritise, .act: false
        case .published: true
        }
    }
}
