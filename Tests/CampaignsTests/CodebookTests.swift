// Codebook decisions, item settlement between coding teams, and the order of a team's queue.

import Testing
@testable import Campaigns

private func decision(_ themes: Set<Int64>, notRelevant: Bool = false) -> CodeDecision {
    CodeDecision(themes: themes, notRelevant: notRelevant)
}

@Test func themeKindsRoundTripAndRefuseOddNames() {
    #expect(ThemeKind(rawValue: "barrier") == .barrier)
    #expect(ThemeKind(rawValue: "building_block") == .buildingBlock)
    #expect(ThemeKind(rawValue: "enabler")?.rawValue == "enabler")
    // The codebook import always took hyphens; the console now takes what the import stored.
    #expect(ThemeKind(rawValue: "quick-win")?.rawValue == "quick-win")
    #expect(ThemeKind(rawValue: "phase_2")?.rawValue == "phase_2")
    for bad in ["", "Barrier", "two words", String(repeating: "a", count: 33), "é"] {
        #expect(ThemeKind(rawValue: bad) == nil, "\(bad)")
    }
}

@Test func decisionsAreEitherThemesOrNotRelevant() {
    #expect(CodeDecision.validated(themes: [1, 1, 2], notRelevant: false) == .success(decision([1, 2])))
    #expect(CodeDecision.validated(themes: [], notRelevant: true) == .success(decision([], notRelevant: true)))
    #expect(CodeDecision.validated(themes: [], notRelevant: false) == .failure(.empty))
    #expect(CodeDecision.validated(themes: [1], notRelevant: true) == .failure(.contradictory))
    #expect(CodeDecision.validated(themes: Array(1...13), notRelevant: false) == .failure(.tooMany))
}

@Test func oneTeamPerItemSettlesOnTheFirstCode() {
    #expect(CodebookSettlement.status(codes: [:], required: 1, reconciled: nil) == .awaiting(coded: 0))
    #expect(CodebookSettlement.status(codes: ["t1": decision([3])], required: 1, reconciled: nil) == .agreed(decision([3])))
}

@Test func twoTeamsAgreeOrDispute() {
    let one = ["t1": decision([3])]
    #expect(CodebookSettlement.status(codes: one, required: 2, reconciled: nil) == .awaiting(coded: 1))
    let same = ["t1": decision([3, 4]), "t2": decision([4, 3])]
    #expect(CodebookSettlement.status(codes: same, required: 2, reconciled: nil) == .agreed(decision([3, 4])))
    let different = ["t1": decision([3]), "t2": decision([3, 4])]
    #expect(CodebookSettlement.status(codes: different, required: 2, reconciled: nil) == .disputed)
    let relevance = ["t1": decision([], notRelevant: true), "t2": decision([3])]
    #expect(CodebookSettlement.status(codes: relevance, required: 2, reconciled: nil) == .disputed)
}

@Test func reconciliationWinsAndEndsBlindness() {
    let different = ["t1": decision([3]), "t2": decision([4])]
    let status = CodebookSettlement.status(codes: different, required: 2, reconciled: decision([3, 4]))
    #expect(status == .reconciled(decision([3, 4])))
    #expect(status.finding == decision([3, 4]))
    #expect(status.isSettled)
    #expect(!CodebookSettlement.status(codes: different, required: 2, reconciled: nil).isSettled)
    #expect(CodebookSettlement.status(codes: different, required: 2, reconciled: nil).finding == nil)
}

/// A team that starts later follows the team ahead: items other teams coded come first, nearest to settled first.
@Test func queuePutsItemsOtherTeamsCodedFirstAndSkipsOwnAndFullItems() {
    let items: [(id: Int64, codedBy: Set<String>)] = [
        (id: 1, codedBy: ["t2"]), (id: 2, codedBy: []), (id: 3, codedBy: ["t1"]),
        (id: 4, codedBy: ["t2", "t3"]), (id: 5, codedBy: []), (id: 6, codedBy: ["t3"]),
    ]
    #expect(CodebookSettlement.queue(items: items, team: "t1", required: 2) == [1, 6, 2, 5])
    #expect(CodebookSettlement.queue(items: items, team: "t1", required: 1) == [2, 5])
    #expect(CodebookSettlement.queue(items: items, team: "t9", required: 2) == [1, 3, 6, 2, 5])
    #expect(CodebookSettlement.queue(items: items, team: "t1", required: 3) == [4, 1, 6, 2, 5])
}
