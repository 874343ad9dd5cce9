// What the crowd may do with a contribution in each state, held or not: react to it, and read its words outside the campaign page.

/// Something a contributor does to someone's contribution.
public enum CrowdReaction: Sendable, CaseIterable {
    case vote, comment, report
}

/// What `ContributionLifecycle.react` decides.
public enum ReactionDecision: Sendable, Equatable {
    case allowed
    /// The crowd does not see it: for the crowd it does not exist (404, never a refusal that would confirm it).
    case unseen
    case refused(ContributionRefusal)
}

extension ContributionLifecycle {
    /// Whether the crowd may vote on, comment on or report a contribution, before the phase rules
    /// are asked (`PhaseRules`, or `DraftRules` for a draft's):
    ///
    /// | state                       | vote        | comment     | report  |
    /// |-----------------------------|-------------|-------------|---------|
    /// | visible                     | yes         | yes         | yes     |
    /// | visible, held by its reports| under review| under review| yes     |
    /// | hidden, pending, withdrawn, merged | unseen | unseen    | unseen  |
    ///
    /// A held contribution still takes reports: they are what the moderation queue weighs.
    public static func react(_ reaction: CrowdReaction, state: ContributionState, held: Bool) -> ReactionDecision {
        guard crowdSees(state) else { return .unseen }
        switch reaction {
        case .vote, .comment: return held ? .refused(.underReview) : .allowed
        case .report: return .allowed
        }
    }

    /// Whether its words may be shown to anyone beyond the campaign page's list: on its own page and
    /// in open data. A held one keeps its place (folded in the list, its page naming the campaign
    /// alone) but not its words until a moderator decides; hidden, pending and withdrawn ones never.
    public static func publishesText(_ state: ContributionState, held: Bool) -> Bool {
        mayRead(state, isAuthor: false) && !held
    }
}
