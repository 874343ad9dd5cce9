// A contribution's lifecycle: who may read, edit, withdraw, hide, restore, approve and merge it, in which state and phase.

/// What a lifecycle rule knows about one contribution.
public struct ContributionFacts: Sendable, Equatable {
    public var state: ContributionState
    /// The phase its question belongs to.
    public var phase: PhaseKind
    /// Who wrote it; nil for the campaign team's official statements.
    public var authorID: Int64?
    /// Held for review by its reports (`ReportRules`): only ever true of a visible one.
    public var held: Bool

    public init(state: ContributionState, phase: PhaseKind, authorID: Int64?, held: Bool = false) {
        self.state = state
        self.phase = phase
        self.authorID = authorID
        self.held = held
    }
}

/// A staff decision about whether the crowd sees a contribution.
public enum ModerationAction: Sendable, CaseIterable {
    case hide, restore
}

/// What a moderation action did (`auditAction` names it for the log).
public enum ModerationOutcome: Sendable, CaseIterable {
    /// visible or pending → hidden.
    case hidden
    /// hidden → visible.
    case restored
    /// pending (pre-moderated) → visible.
    case approved
    /// Visible, reports dismissed: a hold is released and it is not held again (reviewed).
    case reportsDismissed

    /// The contribution's state afterwards.
    public var state: ContributionState {
        switch self {
        case .hidden: .hidden
        case .restored, .approved, .reportsDismissed: .visible
        }
    }
}

/// The rules of a contribution's life, as pure decisions. `PhaseRules` decides what the campaign's
/// phases allow; these add who may act and what each state allows:
///
/// | state     | crowd sees | author reads | author edits  | staff hide | staff restore | staff redact | merge source | merge target |
/// |-----------|------------|--------------|---------------|------------|---------------|--------------|--------------|--------------|
/// | visible   | yes        | yes          | until reacted | yes        | already       | yes          | yes          | yes          |
/// | pending   | no         | yes          | until reacted | yes        | approves      | yes          | yes          | no           |
/// | hidden    | no         | yes          | no            | already    | yes           | yes          | yes          | yes          |
/// | withdrawn | no         | yes          | no            | no         | no            | no (erased)  | no           | no           |
/// | merged    | read only  | yes          | no            | no         | no            | yes          | no           | no           |
///
/// The author may withdraw in any state while the campaign is live (withdrawing twice is a no-op).
/// A visible contribution held by its reports takes no edits, votes or comments (`underReview`);
/// restoring it, or dismissing its reports, releases it.
public enum ContributionLifecycle {
    /// The state a new contribution starts in: waiting for approval under pre-moderation.
    public static func initialState(premoderation: Bool) -> ContributionState {
        premoderation ? .pending : .visible
    }

    /// Whether the crowd sees it in listings and may vote on, comment on or report it. The others
    /// do not exist for the crowd (404, never a refusal that would confirm them).
    public static func crowdSees(_ state: ContributionState) -> Bool {
        switch state {
        case .visible: true
        case .hidden, .withdrawn, .merged, .pending: false
        }
    }

    /// Whether one contribution may be opened on its own: a merged one still answers (its link
    /// leads on to the target); a hidden, withdrawn or pending one only for its author.
    public static func mayRead(_ state: ContributionState, isAuthor: Bool) -> Bool {
        switch state {
        case .visible, .merged: true
        case .hidden, .withdrawn, .pending: isAuthor
        }
    }

    /// The author's edit, in order: only the author (`notAuthor`), then what the phases allow
    /// (`PhaseRefusal`), then the state, then the lock once anyone has voted or commented
    /// (`editLocked`). Throws the first refusal.
    /// `draft`, for an amendment or alternative, is the draft's rule asked instead of the phase rules.
    public static func edit(
        _ c: ContributionFacts, by callerID: Int64, locked: Bool, campaign: CampaignState, phases: [Phase],
        draft: DraftActionContext? = nil
    ) throws {
        try authorRule(c, by: callerID, .edit, campaign: campaign, phases: phases, draft: draft)
        switch c.state {
        case .visible, .pending:
            if c.held { throw ContributionRefusal.underReview }
            if locked { throw ContributionRefusal.editLocked }
        case .hidden: throw ContributionRefusal.hidden
        case .withdrawn: throw ContributionRefusal.withdrawn
        case .merged: throw ContributionRefusal.merged
        }
    }

    /// The author's withdrawal: true when it is to be withdrawn (and its text erased) now, false
    /// when it is withdrawn already (withdrawing twice changes nothing). Throws `notAuthor` or the
    /// phases' refusal.
    public static func withdraw(
        _ c: ContributionFacts, by callerID: Int64, campaign: CampaignState, phases: [Phase]
    ) throws -> Bool {
        try authorRule(c, by: callerID, .withdraw, campaign: campaign, phases: phases)
        switch c.state {
        case .withdrawn: return false
        case .visible, .pending, .hidden, .merged: return true
        }
    }

    /// Hide (visible or pending → hidden) or restore (hidden → visible; a pending one is approved;
    /// a visible one held by its reports is released, its reports dismissed).
    public static func moderate(
        _ action: ModerationAction, _ state: ContributionState, held: Bool = false
    ) -> Result<ModerationOutcome, ContributionRefusal> {
        switch (state, action) {
        case (.visible, .hide), (.pending, .hide): .success(.hidden)
        case (.hidden, .restore): .success(.restored)
        case (.pending, .restore): .success(.approved)
        case (.visible, .restore): held ? .success(.reportsDismissed) : .failure(.alreadyVisible)
        case (.hidden, .hide): .failure(.alreadyHidden)
        case (.withdrawn, _): .failure(.withdrawn)
        case (.merged, _): .failure(.merged)
        }
    }

    /// Dismissing a contribution's reports, keeping it as it is: only a visible one's (a hold is
    /// released); a hidden or pending one is restored instead.
    public static func dismissReports(_ state: ContributionState) -> Result<ModerationOutcome, ContributionRefusal> {
        switch state {
        case .visible: .success(.reportsDismissed)
        case .hidden, .pending: .failure(.notVisible)
        case .withdrawn: .failure(.withdrawn)
        case .merged: .failure(.merged)
        }
    }

    /// A moderator's redaction replaces the text and keeps the original as a revision: of any
    /// contribution whose text is still held, never of a withdrawn one, whose text was erased
    /// when its author withdrew it (PRIVACY.md, "Erasure") and must not be written back.
    public static func redact(_ state: ContributionState) -> ContributionRefusal? {
        switch state {
        case .visible, .pending, .hidden, .merged: nil
        case .withdrawn: .withdrawn
        }
    }

    /// Merging a duplicate into a target of the same campaign: never into itself; the source may be
    /// visible, hidden or pending, the target visible or hidden.
    public static func merge(
        source: ContributionState, into target: ContributionState, sameContribution: Bool
    ) -> ContributionRefusal? {
        if sameContribution { return .mergeIntoItself }
        switch source {
        case .visible, .hidden, .pending: break
        case .withdrawn: return .withdrawn
        case .merged: return .merged
        }
        switch target {
        case .visible, .hidden: return nil
        case .pending, .withdrawn, .merged: return .mergeTargetUnavailable
        }
    }

    /// Only the author edits or withdraws, and only as the phases allow.
    private static func authorRule(
        _ c: ContributionFacts, by callerID: Int64, _ action: ContributorAction, campaign: CampaignState, phases: [Phase],
        draft: DraftActionContext? = nil
    ) throws {
        guard c.authorID == callerID else { throw ContributionRefusal.notAuthor }
        if let draft {
            if let refusal = DraftRules.check(draft) { throw refusal }
            return
        }
        let context = ActionContext(campaignState: campaign, phases: phases, action: action, targetPhase: c.phase)
        if let refusal = PhaseRules.check(context) { throw refusal }
    }
}
