// How a vote is counted: the value the API takes, and what replacing one vote by another does to the counts.
import Testing
@testable import Campaigns

@Test(arguments: [
    (Int64(1), Vote?.some(.up)), (-1, .down), (0, .neither), (2, nil), (-2, nil), (Int64.max, nil), (Int64.min, nil),
])
func aVoteIsOneOfThreeValues(value: Int64, expected: Vote?) {
    #expect(Vote(value) == expected)
}

/// Every (old, new) pair: each count moves by at most one, a repeated vote moves nothing.
@Test(arguments: [
    (Vote.neither, Vote.neither, 0, 0), (.neither, .up, 1, 0), (.neither, .down, 0, 1),
    (.up, .neither, -1, 0), (.up, .up, 0, 0), (.up, .down, -1, 1),
    (.down, .neither, 0, -1), (.down, .up, 1, -1), (.down, .down, 0, 0),
])
func replacingAVoteChangesTheCounts(old: Vote, new: Vote, up: Int, down: Int) {
    let change = CountChange(from: old, to: new)
    #expect(change == CountChange(up: up, down: down))
    #expect(change.isZero == (old == new))
}

@Test func countsFollowTheirChangesAndScoreByTheWilsonBound() {
    var counts = VoteCounts(up: 0, down: 0)
    #expect(counts.score == 0 && counts.controversy == 0)
    let script: [(Vote, Vote)] = [(.neither, .up), (.neither, .up), (.neither, .down), (.up, .down), (.down, .neither)]
    for (old, new) in script { counts = counts + CountChange(from: old, to: new) }
    #expect(counts == VoteCounts(up: 1, down: 1))
    #expect(counts.score == Ranking.wilsonLowerBound(up: 1, down: 1))
    #expect(counts.controversy == Ranking.controversy(up: 1, down: 1))
    var total = CountChange()
    for (old, new) in script { total += CountChange(from: old, to: new) }
    #expect(VoteCounts(up: 0, down: 0) + total == counts)
}
