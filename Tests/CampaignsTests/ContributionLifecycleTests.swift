// The contribution lifecycle against oracle tables: every state × action for moderation, merges, reading, editing, withdrawing.
import Testing
@testable import Campaigns

private let understandOpen = PhaseKind.allCases.map { Phase(kind: $0, state: $0 == .understand ? .open : .pending) }
private let answerOpen = PhaseKind.allCases.map { kind in
    Phase(kind: kind, state: kind == .answer ? .open : kind == .understand ? .closed : .pending)
}

/// The code a throwing rule refuses with, nil when it allows.
private func refusalCode(_ rule: () throws -> Void) -> String? {
    do {
        try rule()
        return nil
    } catch let refusal as any Refusal {
        return refusal.code
    } catch {
        return "unexpected \(error)"
    }
}

@Test(arguments: [
    (ContributionState.visible, ModerationAction.hide, "hide"), (.visible, .restore, "already_visible"),
    (.pending, .hide, "hide"), (.pending, .restore, "approve"),
    (.hidden, .hide, "already_hidden"), (.hidden, .restore, "restore"),
    (.withdrawn, .hide, "contribution_withdrawn"), (.withdrawn, .restore, "contribution_withdrawn"),
    (.merged, .hide, "contribution_merged"), (.merged, .restore, "contribution_merged"),
])
func moderation(state: ContributionState, action: ModerationAction, expected: String) {
    switch ContributionLifecycle.moderate(action, state) {
    case .success(let outcome):
        #expect(outcome.auditAction.rawValue == expected)
        #expect(outcome.state == (action == .hide ? .hidden : .visible))
    case .failure(let refusal):
        #expect(refusal.code == expected)
    }
}

/// A contribution held by its reports (only ever a visible one): restoring it releases it, its
/// reports dismissed; dismissing fits only what the crowd sees.
@Test(arguments: [
    (ContributionState.visible, true, "dismiss_reports", "dismiss_reports"), (.visible, false, "already_visible", "dismiss_reports"),
    (.hidden, false, "restore", "not_visible"), (.pending, false, "approve", "not_visible"),
    (.withdrawn, false, "contribution_withdrawn", "contribution_withdrawn"),
    (.merged, false, "contribution_merged", "contribution_merged"),
])
func heldContributions(state: ContributionState, held: Bool, restore: String, dismiss: String) {
    func code(_ result: Result<ModerationOutcome, ContributionRefusal>) -> String {
        switch result {
        case .success(let outcome): outcome.auditAction.rawValue
        case .failure(let refusal): refusal.code
        }
    }
    #expect(code(ContributionLifecycle.moderate(.restore, state, held: held)) == restore)
    #expect(code(ContributionLifecycle.dismissReports(state)) == dismiss)
    #expect(ContributionLifecycle.moderate(.hide, state, held: held) == ContributionLifecycle.moderate(.hide, state))
    if case .success(let outcome) = ContributionLifecycle.dismissReports(state) { #expect(outcome.state == .visible) }
}

/// Source × target: a source that is still someone's idea (visible, hidden, pending) merges into a
/// target the crowd or the staff still hold (visible, hidden).
@Test(arguments: ContributionState.allCases)
func merges(source: ContributionState) {
    for target in ContributionState.allCases {
        let expected: ContributionRefusal? = switch (source, target) {
        case (.withdrawn, _): .withdrawn
        case (.merged, _): .merged
        case (_, .visible), (_, .hidden): nil
        case (_, .pending), (_, .withdrawn), (_, .merged): .mergeTargetUnavailable
        }
        #expect(ContributionLifecycle.merge(source: source, into: target, sameContribution: false) == expected,
                "\(source) into \(target)")
        #expect(ContributionLifecycle.merge(source: source, into: target, sameContribution: true) == .mergeIntoItself)
    }
}

@Test(arguments: ContributionState.allCases)
func whoSeesWhat(state: ContributionState) {
    #expect(ContributionLifecycle.crowdSees(state) == (state == .visible))
    #expect(ContributionLifecycle.mayRead(state, isAuthor: true))
    #expect(ContributionLifecycle.mayRead(state, isAuthor: false) == (state == .visible || state == .merged))
}

@Test func newContributionsWaitUnderPremoderation() {
    #expect(ContributionLifecycle.initialState(premoderation: true) == .pending)
    #expect(ContributionLifecycle.initialState(premoderation: false) == .visible)
}

/// Author 7's edits: (state, locked, caller, campaign, phases, phase of the idea) → refusal code.
@Test(arguments: [
    (ContributionState.visible, false, Int64(7), CampaignState.live, "understand", nil as String?),
    (.pending, false, 7, .live, "understand", nil),
    (.visible, true, 7, .live, "understand", "edit_locked"),
    (.pending, true, 7, .live, "understand", "edit_locked"),
    (.hidden, false, 7, .live, "understand", "contribution_hidden"),
    (.withdrawn, false, 7, .live, "understand", "contribution_withdrawn"),
    (.merged, false, 7, .live, "understand", "contribution_merged"),
    (.visible, false, 8, .live, "understand", "not_author"),
    (.visible, true, 8, .archived, "understand", "not_author"),
    (.visible, false, 7, .archived, "understand", "campaign_not_live"),
    (.visible, false, 7, .live, "answer", "read_only"),
    (.hidden, true, 7, .live, "answer", "read_only"),
])
func edits(state: ContributionState, locked: Bool, caller: Int64, campaign: CampaignState, open: String, expected: String?) {
    let facts = ContributionFacts(state: state, phase: .understand, authorID: 7)
    let phases = open == "understand" ? understandOpen : answerOpen
    #expect(refusalCode {
        try ContributionLifecycle.edit(facts, by: caller, locked: locked, campaign: campaign, phases: phases)
    } == expected)
}

/// A held contribution takes no edit, even from its author, until a moderator decides; the
/// author and phase rules come first, as for every edit.
@Test func aHeldContributionIsUnderReview() {
    let held = ContributionFacts(state: .visible, phase: .understand, authorID: 7, held: true)
    #expect(refusalCode { try ContributionLifecycle.edit(held, by: 7, locked: false, campaign: .live, phases: understandOpen) }
            == "under_review")
    #expect(refusalCode { try ContributionLifecycle.edit(held, by: 7, locked: true, campaign: .live, phases: understandOpen) }
            == "under_review")
    #expect(refusalCode { try ContributionLifecycle.edit(held, by: 8, locked: false, campaign: .live, phases: understandOpen) }
            == "not_author")
}

@Test(arguments: ContributionState.allCases)
func withdrawals(state: ContributionState) throws {
    let facts = ContributionFacts(state: state, phase: .understand, authorID: 7)
    // In any phase (answer open, the idea's phase closed) and any state: only twice is a no-op.
    #expect(try ContributionLifecycle.withdraw(facts, by: 7, campaign: .live, phases: answerOpen) == (state != .withdrawn))
    #expect(refusalCode { _ = try ContributionLifecycle.withdraw(facts, by: 8, campaign: .live, phases: answerOpen) } == "not_author")
    #expect(refusalCode { _ = try ContributionLifecycle.withdraw(facts, by: 7, campaign: .archived, phases: answerOpen) }
            == "campaign_not_live")
    let official = ContributionFacts(state: state, phase: .understand, authorID: nil)
    #expect(refusalCode { _ = try ContributionLifecycle.withdraw(official, by: 7, campaign: .live, phases: answerOpen) } == "not_author")
}

/// The crowd's reactions, state × held × reaction: a held one takes reports but no votes or
/// comments; one the crowd does not see does not exist for it.
@Test(arguments: ContributionState.allCases)
func crowdReactions(state: ContributionState) {
    for held in [false, true] {
        for reaction in CrowdReaction.allCases {
            let expected: ReactionDecision = switch (state, held, reaction) {
            case (.visible, false, _), (.visible, true, .report): .allowed
            case (.visible, true, .vote), (.visible, true, .comment): .refused(.underReview)
            case (.hidden, _, _), (.pending, _, _), (.withdrawn, _, _), (.merged, _, _): .unseen
            }
            #expect(ContributionLifecycle.react(reaction, state: state, held: held) == expected, "\(reaction) \(state) held \(held)")
        }
    }
}

/// Words beyond the campaign page's list (its own page, open data): what the public may read, and not while held.
@Test(arguments: [
    (ContributionState.visible, false, true), (.visible, true, false), (.merged, false, true),
    (.hidden, false, false), (.pending, false, false), (.withdrawn, false, false),
])
func publishedText(state: ContributionState, held: Bool, expected: Bool) {
    #expect(ContributionLifecycle.publishesText(state, held: held) == expected)
}

/// A moderator redacts any text still held; a withdrawn contribution's text was erased and stays so.
@Test(arguments: [
    (ContributionState.visible, ContributionRefusal?.none), (.pending, nil), (.hidden, nil), (.merged, nil),
    (.withdrawn, .withdrawn),
])
func redactions(state: ContributionState, expected: ContributionRefusal?) {
    #expect(ContributionLifecycle.redact(state) == expected)
}
