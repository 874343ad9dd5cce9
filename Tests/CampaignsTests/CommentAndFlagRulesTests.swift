// The comment and flag rules against oracle tables: which parent a reply may have, when reports hide an idea.
import Testing
@testable import Campaigns

/// Replying on contribution 5: (parent, expected refusal).
@Test(arguments: [
    (CommentFacts?.none, CommentRefusal?.some(.noSuchParent)),
    (CommentFacts(contributionID: 5, parentID: nil, state: .visible), nil),
    (CommentFacts(contributionID: 5, parentID: 9, state: .visible), .replyTooDeep),
    (CommentFacts(contributionID: 6, parentID: nil, state: .visible), .noSuchParent),
    (CommentFacts(contributionID: 5, parentID: nil, state: .hidden), .noSuchParent),
    (CommentFacts(contributionID: 5, parentID: nil, state: .pending), .noSuchParent),
    (CommentFacts(contributionID: 6, parentID: 9, state: .hidden), .noSuchParent),
    (CommentFacts(contributionID: 5, parentID: 9, state: .hidden), .noSuchParent),
])
func replies(parent: CommentFacts?, expected: CommentRefusal?) {
    #expect(CommentRules.reply(to: parent, on: 5) == expected)
}

@Test(arguments: CommentState.allCases)
func commentModerationIsIdempotent(state: CommentState) {
    #expect(CommentRules.moderate(.hide, state) == .hidden)
    #expect(CommentRules.moderate(.restore, state) == .visible)
    #expect(CommentRules.crowdSees(state) == (state == .visible))
}

/// (state, reports, threshold) → hidden at once.
@Test(arguments: [
    (ContributionState.visible, 1, 3, false), (.visible, 2, 3, false), (.visible, 3, 3, true), (.visible, 4, 3, true),
    (.visible, 1, 1, true), (.hidden, 5, 3, false), (.pending, 5, 3, false), (.withdrawn, 5, 3, false),
    (.merged, 5, 3, false),
])
func reportsHideAtTheThreshold(state: ContributionState, reports: Int, threshold: Int, hides: Bool) {
    #expect(FlagRules.hides(state, reports: reports, threshold: threshold) == hides)
}

@Test func aReasonIsRequiredAndBounded() {
    #expect(FlagRules.validateReason("") == .empty)
    #expect(FlagRules.validateReason("spam") == nil)
    #expect(FlagRules.validateReason(String(repeating: "a", count: 500)) == nil)
    #expect(FlagRules.validateReason(String(repeating: "a", count: 501)) == .tooLong)
    #expect(FlagRules.validateReason(String(repeating: "é", count: 500)) == nil, "500 characters of two bytes fit")
    #expect(FlagRules.validateReason(String(repeating: "👩‍⚕️", count: 200)) == .tooLong, "over 2000 bytes")
}
