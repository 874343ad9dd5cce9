// The theme rule of a new contribution against its oracle: how many, and only published ones.
import Testing
@testable import Campaigns

private let twenty: [Int64] = Array(1...20)
private let twentyOne: [Int64] = Array(1...21)

/// (chosen, published, problem).
private let cases: [([Int64], Set<Int64>, ContributionThemes.Problem?)] = [
    ([], [], nil),
    ([1, 2], [1, 2, 3], nil),
    ([1, 4], [1, 2, 3], .notPublished),
    ([4], [], .notPublished),
    (twenty, Set(twenty), nil),
    (twentyOne, Set(twentyOne), .tooMany),
    (twentyOne, [], .tooMany),  // the count is checked first, before anything is read
]

@Test(arguments: cases)
func contributionThemes(chosen: [Int64], published: Set<Int64>, expected: ContributionThemes.Problem?) {
    #expect(ContributionThemes.check(chosen, published: published) == expected)
    #expect(ContributionThemes.check(count: chosen.count) == (chosen.count > 20 ? .tooMany : nil))
}

@Test func theSentencesAreTheAPIs() {
    #expect(ContributionThemes.Problem.tooMany.message == "Choose at most 20 themes.")
    #expect(ContributionThemes.Problem.notPublished.message == "Choose from the campaign's published themes.")
}
