// What the crowd may do with a draft, and what facilitators may decide, given its state and phases (pure).

/// Something a contributor asks to do with a draft.
public enum DraftAction: String, Sendable, CaseIterable {
    /// Vote on a section or an amendment.
    case vote
    /// Comment on a section, an amendment or an alternative.
    case comment
    /// Propose an amendment to a section, or an alternative to the whole document.
    case propose
    /// Edit one's own amendment or alternative.
    case edit
}

/// Everything `DraftRules.check` needs: the campaign, its phases and the draft as they stand.
public struct DraftActionContext: Sendable {
    public var campaignState: CampaignState
    public var phases: [Phase]
    public var draftState: DraftState
    public var draftPhases: DraftPhases
    public var action: DraftAction
    /// The amendment acted on, when the target is one (nil for a section, an alternative or a new proposal).
    public var amendment: AmendmentState?
    /// What the target is within the draft (nil for a new proposal).
    public var item: DraftItemKind?

    public init(
        campaignState: CampaignState, phases: [Phase], draftState: DraftState, draftPhases: DraftPhases,
        action: DraftAction, amendment: AmendmentState? = nil, item: DraftItemKind? = nil
    ) {
        self.campaignState = campaignState
        self.phases = phases
        self.draftState = draftState
        self.draftPhases = draftPhases
        self.action = action
        self.amendment = amendment
        self.item = item
    }
}

/// The amendment facilitators are deciding on, as the rule sees it.
public struct AmendmentSubject: Sendable, Equatable {
    public var state: AmendmentState
    /// The section's body in the version the amendment was written against, and now.
    public var baseBody: String
    public var currentBody: String
    public var proposedBody: String

    public init(state: AmendmentState, baseBody: String, currentBody: String, proposedBody: String) {
        self.state = state
        self.baseBody = baseBody
        self.currentBody = currentBody
        self.proposedBody = proposedBody
    }
}

/// A draft runs in the phases its facilitator chose, whichever they are. In order:
/// 0. A section is the team's text: it changes by accepted amendment, so no one edits it (`not_author`).
/// 1. A campaign that is not live refuses everything (`campaign_not_live`, as `PhaseRules`).
/// 2. A draft whose final version is published refuses everything (`draft_final`).
/// 3. The open phase must be one of the draft's: before its first phase has opened (or with no phase
///    open while one of its phases is still pending) it is `draft_not_open`; once all of its phases
///    have closed, `draft_closed`.
/// 4. A decided amendment takes no more votes, comments or edits (`amendment_decided`).
/// Reporting (flags) and withdrawing are not draft actions: they follow `PhaseRules` like any contribution.
public enum DraftRules {
    public static func check(_ c: DraftActionContext) -> (any Refusal)? {
        if c.action == .edit, c.item == .section { return ContributionRefusal.notAuthor }
        switch c.campaignState {
        case .draft, .archived: return PhaseRefusal.campaignNotLive
        case .live: break
        }
        switch c.draftState {
        case .final: return DraftRefusal.final
        case .open: break
        }
        let open = c.phases.openPhase?.kind
        guard let open, c.draftPhases.kinds.contains(open) else {
            let pending = c.draftPhases.kinds.contains { c.phases.state(of: $0) == .pending }
            return pending ? DraftRefusal.notOpen : DraftRefusal.closed
        }
        switch c.amendment {
        case .none, .pending?: return nil
        case .accepted?, .declined?: return DraftRefusal.decided
        }
    }

    /// Whether facilitators may answer the amendment with `decision` (the route has already answered
    /// 404 for one the crowd cannot read): it must be pending and the draft open. Accepting also needs the section unchanged since the amendment was written
    /// (`amendment_stale`) and a real change (`amendment_unchanged`); declining is always possible.
    /// Facilitators decide in any phase and after the draft's phases close, as long as the campaign
    /// is not archived (checked by the route, as for every staff change).
    public static func decide(_ decision: AmendmentDecision, draftState: DraftState, amendment a: AmendmentSubject) -> DraftRefusal? {
        switch draftState {
        case .final: return .final
        case .open: break
        }
        switch a.state {
        case .accepted, .declined: return .decided
        case .pending: break
        }
        switch decision {
        case .decline: return nil
        case .accept:
            if a.baseBody != a.currentBody { return .stale }
            if a.proposedBody == a.currentBody { return .unchanged }
            return nil
        }
    }

    /// Whether a proposed body may be submitted against the current one (`amendment_unchanged`).
    public static func propose(body: String, current: String) -> DraftRefusal? {
        body == current ? .unchanged : nil
    }

    /// Whether the final version may be published: not twice, and not while amendments the crowd
    /// can read still wait for an answer.
    public static func finalise(draftState: DraftState, pendingAmendments: Int) -> DraftRefusal? {
        switch draftState {
        case .final: return .final
        case .open: return pendingAmendments > 0 ? .pending : nil
        }
    }
}
