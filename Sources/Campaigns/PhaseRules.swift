// The one rule deciding what the crowd may do, given the campaign's state and its phases.

/// Something a contributor asks to do.
public enum ContributorAction: String, CaseIterable, Sendable {
    case contribute, vote, comment, edit, withdraw, flag
}

/// Everything `PhaseRules.check` needs to decide.
public struct ActionContext: Sendable {
    public var campaignState: CampaignState
    /// All four phases (a missing kind counts as pending).
    public var phases: [Phase]
    public var action: ContributorAction
    /// The phase the question (for `contribute`) or contribution (otherwise) belongs to.
    /// nil means the action is about the campaign as a whole and is judged against the open phase.
    public var targetPhase: PhaseKind?
    /// The target contribution is in the prioritise round's shortlist.
    public var targetShortlisted: Bool

    public init(
        campaignState: CampaignState, phases: [Phase], action: ContributorAction,
        targetPhase: PhaseKind?, targetShortlisted: Bool = false
    ) {
        self.campaignState = campaignState
        self.phases = phases
        self.action = action
        self.targetPhase = targetPhase
        self.targetShortlisted = targetShortlisted
    }
}

/// What the crowd may do in each phase. Ownership (withdraw, edit) and duplicate votes are checked
/// elsewhere; this decides only what the campaign's state and phases allow.
///
/// In order:
/// 1. A campaign that is not live refuses everything (`campaignNotLive`).
/// 2. `flag` and `withdraw` are allowed whenever the campaign is live.
/// 3. With no open phase, everything else is `phaseClosed`.
/// 4. Act open: everything else is `readOnly`.
/// 5. Prioritise open: `contribute` is `noNewIdeas`; `vote` and `comment` need a shortlisted target
///    (`notShortlisted`); `edit` follows rule 6.
/// 6. Understand or answer open (and `edit` always): a target in the open phase is allowed, one in a
///    closed phase is `readOnly`, one in a phase not yet opened is `phaseClosed`.
public enum PhaseRules {
    /// nil when the action is allowed, otherwise why not.
    public static func check(_ c: ActionContext) -> PhaseRefusal? {
        switch c.campaignState {
        case .draft, .archived: return .campaignNotLive
        case .live: break
        }
        switch c.action {
        case .flag, .withdraw: return nil
        case .contribute, .vote, .comment, .edit: break
        }
        guard let open = c.phases.openPhase?.kind else { return .phaseClosed }
        switch open {
        case .act:
            return .readOnly
        case .prioritise:
            switch c.action {
            case .contribute: return .noNewIdeas
            case .vote, .comment: return c.targetShortlisted ? nil : .notShortlisted
            case .edit, .flag, .withdraw: return targetRule(c, open: open)
            }
        case .understand, .answer:
            return targetRule(c, open: open)
        }
    }

    /// Rule 6: the target's phase must be the open one.
    private static func targetRule(_ c: ActionContext, open: PhaseKind) -> PhaseRefusal? {
        let target = c.targetPhase ?? open
        if target == open { return nil }
        switch c.phases.state(of: target) {
        case .closed: return .readOnly
        case .pending: return .phaseClosed
        case .open: return nil  // two open phases in the data: the target's own phase is open
        }
    }
}
