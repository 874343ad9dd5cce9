// Claims on a team's queue: an analyst's own page first, teammates' claims left out, and when a save is refused.

import Testing
@testable import Campaigns

@Test func anAnalystsQueueLeadsWithTheirClaimsAndSkipsTeammates() {
    let entries = [
        QueueEntry(id: 1, codes: 1, codedByTeam: false),
        QueueEntry(id: 2, codes: 0, codedByTeam: false, claim: .teammate),
        QueueEntry(id: 3, codes: 0, codedByTeam: false),
        QueueEntry(id: 4, codes: 1, codedByTeam: false, claim: .mine),
        QueueEntry(id: 5, codes: 1, codedByTeam: true, claim: .mine),
        QueueEntry(id: 6, codes: 2, codedByTeam: false),
        QueueEntry(id: 7, codes: 0, codedByTeam: false, claim: .mine),
    ]
    #expect(CodebookSettlement.queue(entries, required: 2) == [4, 7, 1, 3])
    #expect(CodebookSettlement.queue(entries, required: 1) == [7, 3])
}

/// (teammate's claim lapses at, teammate coded, revising) at now = 100 → refusal.
@Test(arguments: [
    (Int64?.none, false, false, CodingRefusal?.none),
    (Int64?.some(101), false, false, CodingRefusal?.some(.claimedByTeammate)),
    (Int64?.some(101), true, true, CodingRefusal?.some(.claimedByTeammate)),
    (Int64?.some(100), false, false, CodingRefusal?.none),
    (Int64?.none, true, false, CodingRefusal?.some(.codedByTeammate)),
    (Int64?.none, true, true, CodingRefusal?.none),
    (Int64?.some(50), true, true, CodingRefusal?.none),
])
func aSaveIsRefusedWhileATeammateHoldsOrHasCodedTheItem(
    claimUntil: Int64?, coded: Bool, revising: Bool, expected: CodingRefusal?
) {
    #expect(CodingClaims.saveRefusal(claimedByTeammateUntil: claimUntil, now: 100, codedByTeammate: coded, revising: revising) == expected)
}

@Test func onlyUnderstandAndAnswerAreCodingRounds() {
    #expect(PhaseKind.allCases.compactMap(CodingRound.init(phase:)) == [.understand, .answer])
    #expect(CodingRound.allCases.map(\.phase) == [.understand, .answer])
}
