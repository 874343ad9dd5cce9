// The comment and flag rules against oracle tables: which parent a reply may have, what a report's reason may be.
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

@Test func aReasonIsRequiredAndBounded() {
    #expect(FlagRules.validateReason("") == .empty)
    #expect(FlagRules.validateReason("spam") == nil)
    #expect(FlagRules.validateReason(String(repeating: "a", count: 500)) == nil)
    #expect(FlagRules.validateReason(String(repeating: "a", count: 501)) == .tooLong)
    #expect(FlagRules.validateReason(String(repeating: "é", count: 500)) == nil, "500 characters of two bytes fit")
    #expect(FlagRules.validateReason(String(repeating: "👩‍⚕️", count: 200)) == .tooLong, "over 2000 bytes")
}
