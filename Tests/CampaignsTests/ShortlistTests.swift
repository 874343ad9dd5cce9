// Shortlist rounds in order, criteria keys, score aggregation and guide revision numbering.

import Testing
@testable import Campaigns

@Test func roundsRunPrioritiseActPublished() {
    #expect(ShortlistRound.allCases.map(\.number) == [1, 2, 3])
    #expect(ShortlistRound.prioritise.previous == nil)
    #expect(ShortlistRound.act.previous == .prioritise)
    #expect(ShortlistRound.published.previous == .act)
    for round in ShortlistRound.allCases { #expect(ShortlistRound(number: round.number) == round) }
    #expect(ShortlistRound(number: 4) == nil)
}

@Test func defaultCriteriaAreTheMethodsFour() {
    #expect(Criterion.defaults.map(\.key) == ["crowd", "doable", "building_blocks", "innovative"])
    #expect(Criterion.defaults.allSatisfy { Criterion.isValidKey($0.key) })
    #expect(!Criterion.isValidKey("Has Space"))
    #expect(!Criterion.isValidKey(""))
}

@Test func scoresAverageOverTheFacilitatorsWhoScored() {
    // Facilitator 1: crowd 3, doable 2. Facilitator 2: crowd 1. Facilitator 3 only scored a removed criterion.
    let scores: [Int64: [String: Int]] = [1: ["crowd": 3, "doable": 2], 2: ["crowd": 1], 3: ["old": 3]]
    let aggregate = ShortlistScores.aggregate(scores, criteria: Criterion.defaults)
    #expect(aggregate.means == ["crowd": 2.0, "doable": 2.0])
    #expect(aggregate.total == 4.0)
    #expect(aggregate.scorers == 2)
    #expect(ShortlistScores.aggregate([:], criteria: Criterion.defaults) == ShortlistScores(means: [:], total: 0, scorers: 0))
}

@Test func guideSavesNeedTheLatestRevision() {
    #expect(GuideRevision.nextRevision(base: 0, current: 0, isFinal: false) == .success(1))
    #expect(GuideRevision.nextRevision(base: 3, current: 3, isFinal: false) == .success(4))
    #expect(GuideRevision.nextRevision(base: 2, current: 3, isFinal: false) == .failure(.stale))
    #expect(GuideRevision.nextRevision(base: 3, current: 3, isFinal: true) == .failure(.final))
}
