// The draft's rules against oracle tables: the crowd's actions by phase window, and facilitators' decisions.
import Testing
@testable import Campaigns

/// The phases with `open` open, earlier ones closed and later ones pending; nil: none open, `closed` closed.
private func phases(open: PhaseKind?, closedBefore: Int = 0) -> [Phase] {
    PhaseKind.allCases.map { kind in
        guard let open else { return Phase(kind: kind, state: kind.position < closedBefore ? .closed : .pending) }
        return Phase(kind: kind, state: kind == open ? .open : kind.position < open.position ? .closed : .pending)
    }
}

private func context(
    _ action: DraftAction, open: PhaseKind?, closedBefore: Int = 0, runsIn: Set<PhaseKind> = [.answer, .prioritise],
    campaign: CampaignState = .live, draft: DraftState = .open, amendment: AmendmentState? = nil,
    item: DraftItemKind? = nil
) -> DraftActionContext {
    DraftActionContext(
        campaignState: campaign, phases: phases(open: open, closedBefore: closedBefore), draftState: draft,
        draftPhases: DraftPhases(runsIn), action: action, amendment: amendment, item: item)
}

/// (context) → the refusal's code, or nil when allowed.
@Test(arguments: [
    (context(.propose, open: .answer), String?.none),
    (context(.vote, open: .prioritise), nil),  // a draft's sections take votes in Prioritise, shortlisted or not
    (context(.comment, open: .answer, amendment: .pending), nil),
    (context(.edit, open: .answer, amendment: .pending), nil),
    (context(.propose, open: .act, runsIn: [.act]), nil),  // a facilitator may run it in Act too
    (context(.propose, open: .understand), "draft_not_open"),
    (context(.propose, open: nil), "draft_not_open"),  // nothing open yet, the draft's phases to come
    (context(.vote, open: .act), "draft_closed"),
    (context(.comment, open: nil, closedBefore: 4), "draft_closed"),
    (context(.propose, open: .prioritise, runsIn: [.understand]), "draft_closed"),
    (context(.propose, open: .answer, campaign: .archived), "campaign_not_live"),
    (context(.propose, open: .answer, campaign: .draft), "campaign_not_live"),
    (context(.vote, open: .answer, draft: .final), "draft_final"),
    (context(.vote, open: .answer, amendment: .accepted), "amendment_decided"),
    (context(.edit, open: .answer, amendment: .declined), "amendment_decided"),
    (context(.vote, open: .understand, amendment: .accepted), "draft_not_open"),  // the window decides first
    // A section is the team's text, changed by amendment only: no edit, whatever the window.
    (context(.edit, open: .answer, item: .section), "not_author"),
    (context(.edit, open: .understand, campaign: .archived, item: .section), "not_author"),
    (context(.vote, open: .answer, item: .section), nil),
    (context(.comment, open: .answer, item: .section), nil),
    (context(.edit, open: .answer, amendment: .pending, item: .amendment), nil),
    (context(.edit, open: .answer, item: .alternative), nil),
])
func theCrowdsActionsOnADraft(context: DraftActionContext, expected: String?) {
    #expect(DraftRules.check(context)?.code == expected)
}

private func amendment(_ state: AmendmentState = .pending, base: String = "old", current: String = "old", proposed: String = "new") -> AmendmentSubject {
    AmendmentSubject(state: state, baseBody: base, currentBody: current, proposedBody: proposed)
}

/// (decision, draft, amendment) → refusal.
@Test(arguments: [
    (AmendmentDecision.accept, DraftState.open, amendment(), DraftRefusal?.none),
    (.decline, .open, amendment(), nil),
    (.accept, .open, amendment(current: "changed since"), .stale),
    (.decline, .open, amendment(current: "changed since"), nil),  // a stale amendment can still be answered
    (.accept, .open, amendment(proposed: "old"), .unchanged),
    (.accept, .open, amendment(.accepted), .decided),
    (.decline, .open, amendment(.declined), .decided),
    (.decline, .open, amendment(.accepted), .decided),
    (.accept, .final, amendment(), .final),
    (.decline, .final, amendment(), .final),
])
func facilitatorsDecide(decision: AmendmentDecision, draft: DraftState, subject: AmendmentSubject, expected: DraftRefusal?) {
    #expect(DraftRules.decide(decision, draftState: draft, amendment: subject) == expected)
}

@Test func theFinalVersionWaitsForEveryAnswer() {
    #expect(DraftRules.finalise(draftState: .open, pendingAmendments: 0) == nil)
    #expect(DraftRules.finalise(draftState: .open, pendingAmendments: 2) == .pending)
    #expect(DraftRules.finalise(draftState: .final, pendingAmendments: 0) == .final)
    #expect(DraftRules.propose(body: "same", current: "same") == .unchanged)
    #expect(DraftRules.propose(body: "other", current: "same") == nil)
}

@Test func phasesRoundTripThroughTheirMask() {
    for mask in 1...15 {
        #expect(DraftPhases(mask: mask)?.mask == mask)
    }
    #expect(DraftPhases(mask: 0) == nil)
    #expect(DraftPhases(mask: 16) == nil)
    #expect(DraftPhases([.act, .understand]).ordered == [.understand, .act])
}
