// Shortlist eligibility, guide starts and blind coding against oracle tables.
import Testing
@testable import Campaigns

private func phases(prioritise: PhaseState) -> [Phase] {
    [Phase(kind: .understand, state: .closed), Phase(kind: .answer, state: .closed),
     Phase(kind: .prioritise, state: prioritise), Phase(kind: .act, state: prioritise == .closed ? .open : .pending)]
}

private func idea(
    phase: PhaseKind = .answer, state: ContributionState = .visible, inPrevious: Bool = true, final: Bool = false
) -> ShortlistCandidate {
    ShortlistCandidate(phase: phase, state: state, inPreviousRound: inPrevious, guideFinal: final)
}

/// (round, idea, Prioritise's state) → refusal.
@Test(arguments: [
    (ShortlistRound.prioritise, idea(), PhaseState.pending, ShortlistRefusal?.none),
    (.prioritise, idea(inPrevious: false), .pending, nil),  // the first round has no previous one
    (.prioritise, idea(phase: .understand), .pending, .notAnIdea),
    (.prioritise, idea(state: .hidden), .pending, .notAnIdea),
    (.prioritise, idea(state: .pending), .pending, .notAnIdea),
    (.prioritise, idea(state: .merged), .pending, .notAnIdea),
    (.act, idea(), .closed, nil),
    (.act, idea(), .pending, nil),
    (.act, idea(), .open, .prioritiseOpen),
    (.act, idea(inPrevious: false), .closed, .notInPreviousRound),
    (.act, idea(inPrevious: false), .open, .notInPreviousRound),
    (.act, idea(state: .withdrawn, inPrevious: false), .open, .notAnIdea),
    (.published, idea(final: true), .closed, nil),
    (.published, idea(final: true), .open, nil),
    (.published, idea(), .closed, .guideNotFinal),
    (.published, idea(inPrevious: false, final: true), .closed, .notInPreviousRound),
])
func eligibility(round: ShortlistRound, candidate: ShortlistCandidate, prioritise: PhaseState, expected: ShortlistRefusal?) {
    #expect(ShortlistRules.check(round, candidate, phases: phases(prioritise: prioritise)) == expected)
}

@Test func leavingARoundLeavesTheLaterOnesAndOnlyPublishingPublishes() {
    #expect(ShortlistRules.roundsLeft(.prioritise) == [.prioritise, .act, .published])
    #expect(ShortlistRules.roundsLeft(.act) == [.act, .published])
    #expect(ShortlistRules.roundsLeft(.published) == [.published])
    #expect(ShortlistRound.allCases.filter(ShortlistRules.publishesGuide) == [.published])
    #expect(ShortlistRound.allCases.filter { ShortlistRules.unpublishesGuide(leaving: $0) } == [.prioritise, .act, .published])
}

@Test func guidesStartOnceInTheActRoundAndFinalNeedsText() {
    #expect(GuideRevision.start(inActRound: true, hasGuide: false) == nil)
    #expect(GuideRevision.start(inActRound: true, hasGuide: true) == .exists)
    #expect(GuideRevision.start(inActRound: false, hasGuide: false) == .notInActRound)
    #expect(GuideRevision.start(inActRound: false, hasGuide: true) == .notInActRound)
    #expect(GuideRevision.mark(final: true, revision: 0) == .empty)
    #expect(GuideRevision.mark(final: true, revision: 1) == nil)
    #expect(GuideRevision.mark(final: false, revision: 0) == nil)
}

/// (code's team, viewer's team, sees all, reconciled) → shown.
@Test(arguments: [
    ("A", "A", false, false, true), ("B", "A", false, false, false), ("B", "A", true, false, true),
    ("B", "A", false, true, true), ("B", "A", true, true, true),
])
func codingStaysBlindUntilReconciled(coder: String, viewer: String, seesAll: Bool, reconciled: Bool, shown: Bool) {
    #expect(BlindCoding.mayShow(codeBy: coder, to: viewer, seesAllCodes: seesAll, reconciled: reconciled) == shown)
    #expect(BlindCoding.saveRefusal(reconciled: reconciled) == (reconciled ? .reconciled : nil))
}

private let eight = (1...8).map { "k\($0)" }, nine = (1...9).map { "k\($0)" }

/// A campaign's criteria: (keys, labels, accepted). 1…8 of them, keys valid and unique, labels 1…120 characters.
private let criteriaCases: [([String], [String], Bool)] = [
    (["crowd"], ["Supported"], true),
    ([], [], false),
    (eight, Array(repeating: "Label", count: 8), true),
    (nine, Array(repeating: "Label", count: 9), false),
    (["crowd", "crowd"], ["A", "B"], false),
    (["Has Space"], ["A"], false),
    (["crowd"], [""], false),
    (["crowd"], [String(repeating: "x", count: 120)], true),
    (["crowd"], [String(repeating: "x", count: 121)], false),
]

@Test(arguments: criteriaCases)
func criteriaLists(keys: [String], labels: [String], accepted: Bool) {
    let list = zip(keys, labels).map { Criterion(key: $0, label: $1) }
    #expect(Criterion.isValidList(list) == accepted)
}

private let reasonCases: [(String, Bool)] = [
    ("", false), ("Popular", true), (String(repeating: "x", count: 1000), true), (String(repeating: "x", count: 1001), false),
]

@Test(arguments: reasonCases)
func selectionReasons(reason: String, accepted: Bool) {
    #expect(ShortlistRules.isValidReason(reason) == accepted)
}
