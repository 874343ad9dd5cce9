// Candidate themes on a small corpus whose groups are known: three topics and two stray remarks.

import Testing
@testable import Campaigns

/// Ids 1–5 parking, 11–15 food at night, 21–25 the rota, 31 and 32 unrelated one-offs.
private let topics: [Int64: String] = [
    1: "The staff car park is always full by eight and Sister Jones cannot park",
    2: "Car park charges for staff are far too high",
    3: "Nowhere to park near the hospital because the car park is full",
    4: "Parking permits for night staff would stop the car park chaos",
    5: "Staff car park costs eat into our pay",
    11: "The canteen closes before the night shift starts so there is no hot food",
    12: "Hot food for night shift staff please, the canteen is shut",
    13: "No healthy food in the canteen at night, Jones agrees",
    14: "Only vending machines at night because the canteen is shut",
    15: "Canteen food is cold and the canteen shuts early",
    21: "The rota is published late so we cannot plan childcare",
    22: "The rota changes at short notice and childcare falls apart",
    23: "Publish the rota six weeks ahead",
    24: "Self rostering would help us plan around the rota",
    25: "A late rota means missed family events and childcare trouble",
    31: "Lovely garden by the chapel",
    32: "Zebra crossing outside the primary school",
]

private let corpus = AnalysisCorpus(topics.map { AnalysisText(id: $0.key, text: $0.value) })
private let parking: [Int64] = [1, 2, 3, 4, 5]
private let food: [Int64] = [11, 12, 13, 14, 15]
private let rota: [Int64] = [21, 22, 23, 24, 25]

@Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
func proposesTheThreeTopics(seed: UInt64) {
    let draft = ThemeCandidates.propose(corpus, ThemeCandidates.Settings(groups: 3, seed: seed))
    #expect(Set(draft.candidates) == [parking, food, rota])
    #expect(draft.uncovered == [31, 32])
    #expect(draft.groups == 3)
}

@Test func theSameSeedGivesTheSameDraft() {
    let settings = ThemeCandidates.Settings(groups: 4, seed: 42)
    #expect(ThemeCandidates.propose(corpus, settings) == ThemeCandidates.propose(corpus, settings))
}

@Test func describesWithDistinctiveWordsAndQuotes() throws {
    let parkingWords = ThemeCandidates.describe(parking, in: corpus).words
    #expect(parkingWords.first == "car park")
    #expect(!parkingWords.contains("car") && !parkingWords.contains("park"))  // the pair covers them
    // "Jones" is in two texts of the corpus but one of each candidate: never a group's word.
    #expect(!parkingWords.contains("jones"))
    let rotaDescription = ThemeCandidates.describe(rota, in: corpus)
    #expect(rotaDescription.words.prefix(2).contains("rota"))
    #expect(rotaDescription.words.contains("childcare"))
    #expect(rotaDescription.size == 5)
    #expect(rotaDescription.quotes.count == 3)
    #expect(Set(rotaDescription.quotes).isSubset(of: Set(rota)))
    // Ids no longer in the corpus are ignored.
    #expect(ThemeCandidates.describe([999], in: corpus) == ThemeCandidates.Description(words: [], quotes: [], size: 0))
}

@Test func quotesSkipNearIdenticalTexts() {
    let texts = (1...4).map { AnalysisText(id: Int64($0), text: "Publish the rota six weeks ahead please") }
        + [AnalysisText(id: 5, text: "The rota changes at short notice"), AnalysisText(id: 6, text: "Late rota ruins childcare plans"),
           AnalysisText(id: 7, text: "Parking"), AnalysisText(id: 8, text: "Parking"), AnalysisText(id: 9, text: "childcare notice")]
    let small = AnalysisCorpus(texts)
    let quotes = ThemeCandidates.describe([1, 2, 3, 4, 5, 6], in: small).quotes
    #expect(quotes.count == 3)
    #expect(quotes.filter { $0 <= 4 }.count == 1)
}

@Test func splitsAMergedCandidateBackIntoItsTopics() throws {
    let parts = try #require(ThemeCandidates.split(parking + food, in: corpus, seed: 1))
    #expect(parts.0 == parking && parts.1 == food)
    let same = AnalysisCorpus((1...4).map { AnalysisText(id: Int64($0), text: "the same words again") })
    #expect(ThemeCandidates.split([1, 2, 3, 4], in: same, seed: 1) == nil)
}

@Test func defaultGroupCount() {
    #expect(ThemeCandidates.defaultGroups(items: 10) == 2)
    #expect(ThemeCandidates.defaultGroups(items: 300) == 12)
    #expect(ThemeCandidates.defaultGroups(items: 7524) == 24)
}
