// Ranking formulas against values worked out independently.

import Testing
@testable import Campaigns

/// Expected lower bounds were computed in Python both from the closed form and, independently, by
/// bisecting for the root of (p̂ - p)² = z² p (1 - p) / n below p̂ (the definition of the Wilson
/// interval); the two agree to 1e-15.
@Test(arguments: [
    (1, 0, 0.20654931437723742),
    (5, 5, 0.236593090512564),
    (60, 40, 0.5020025867910617),
    (600, 400, 0.5693094295142663),
    (9, 1, 0.5958499732047616),
    (90, 10, 0.8256343384950866),
    (1000, 0, 0.9961732415144449),
    (3, 7, 0.10779126740630099),
])
func wilsonLowerBound(up: Int, down: Int, expected: Double) {
    #expect(abs(Ranking.wilsonLowerBound(up: up, down: down) - expected) < 1e-12)
}

@Test func wilsonEdgeCases() {
    #expect(Ranking.wilsonLowerBound(up: 0, down: 0) == 0)
    #expect(Ranking.wilsonLowerBound(up: 0, down: 5) == 0)
    // More evidence for the same share ranks higher: the point of the bound.
    #expect(Ranking.wilsonLowerBound(up: 90, down: 10) > Ranking.wilsonLowerBound(up: 9, down: 1))
    // A wider interval (larger z) gives a lower bound.
    #expect(Ranking.wilsonLowerBound(up: 9, down: 1, z: 3) < Ranking.wilsonLowerBound(up: 9, down: 1))
}

/// Reddit's `_controversy`: (ups + downs) ** (min / max), 0 if either is 0.
@Test(arguments: [
    (1, 1, 2.0),
    (10, 10, 20.0),
    (100, 1, 1.0472327459898225),
    (1, 100, 1.0472327459898225),
    (7, 3, 2.6826957952797255),
    (50, 100, 12.24744871391589),
    (0, 10, 0.0),
    (10, 0, 0.0),
    (0, 0, 0.0),
])
func controversy(up: Int, down: Int, expected: Double) {
    #expect(abs(Ranking.controversy(up: up, down: down) - expected) < 1e-12)
}

@Test func shuffleKeyIsSplitMix64() {
    // SplitMix64's first output from state 0 (Vigna's reference splitmix64.c; Java's SplittableRandom).
    #expect(Ranking.shuffleKey(seed: 0, id: 0) == 0xE220_A839_7B1D_CDAF)
    #expect(Ranking.shuffleKey(seed: 42, id: 7) == 0xF7E9_F3F8_8CC0_4AD6)
    #expect(Ranking.shuffleKey(seed: 0xDEAD_BEEF, id: -5) == 0x8B05_6040_D798_4CD4)
}

@Test func shuffleKeyOrdersDifferentlyPerContributor() {
    let ids: [Int64] = Array(1...50)
    let first = ids.sorted { Ranking.shuffleKey(seed: 1, id: $0) < Ranking.shuffleKey(seed: 1, id: $1) }
    let again = ids.sorted { Ranking.shuffleKey(seed: 1, id: $0) < Ranking.shuffleKey(seed: 1, id: $1) }
    let other = ids.sorted { Ranking.shuffleKey(seed: 2, id: $0) < Ranking.shuffleKey(seed: 2, id: $1) }
    #expect(first == again)
    #expect(first != other)
    #expect(first != ids)
}

@Test func mergedVotesCountEachVoterOnceAndTheTargetWins() {
    let merged = MergeRule.mergedVotes(source: [1: .up, 2: .down, 3: .up], target: [2: .up, 4: .down])
    #expect(merged == [1: .up, 2: .up, 3: .up, 4: .down])
    #expect(MergeRule.mergedVotes(source: [:], target: [9: .up]) == [9: .up])
    #expect(MergeRule.mergedVotes(source: [9: .down], target: [:]) == [9: .down])
}
