// Near-duplicate grouping: shingles, exact Jaccard, and groups on named cases.

import Testing
@testable import Campaigns

private let long = """
    the night shift on ward seven never has enough nurses to cover the breaks so patients wait for pain relief \
    while the agency staff do not know where anything is kept and the handover takes twice as long as it should \
    because nobody has written down what happened before
    """
private func keys(_ text: String) -> [String] { TermNormaliser.keys(text) }

@Test func jaccardOfSortedSets() {
    #expect(NearDuplicates.jaccard([1, 2, 3, 4], [3, 4, 5, 6]) == 2.0 / 6.0)
    #expect(NearDuplicates.jaccard([], []) == 0)
    #expect(NearDuplicates.jaccard([7], [7]) == 1)
}

@Test func shinglesAreWordPairs() {
    #expect(NearDuplicates.shingles(["a", "b", "c", "d"]).count == 3)
    #expect(NearDuplicates.shingles(["a"]).count == 1)
    #expect(NearDuplicates.shingles([]).isEmpty)
    #expect(NearDuplicates.shingles(["a", "b", "a", "b", "a"]).count == 2)  // ab, ba
}

struct DuplicateCase: CustomTestStringConvertible, Sendable {
    let name: String
    let texts: [String]
    let groups: [[Int]]
    var testDescription: String { name }
}

private let duplicateCases: [DuplicateCase] = [
    DuplicateCase(name: "identical texts", texts: [long, "something else entirely about parking charges", long],
                  groups: [[0, 2], [1]]),
    DuplicateCase(name: "one word changed in a long text", texts: [long, long.replacingFirst("seven", with: "eight")],
                  groups: [[0, 1]]),
    DuplicateCase(name: "same words, different case and punctuation", texts: [long, long.uppercased() + "!!!"],
                  groups: [[0, 1]]),
    DuplicateCase(name: "half the text shared", texts: [long, String(long.prefix(long.count / 2)) + " parking canteen food rota"],
                  groups: [[0], [1]]),
    DuplicateCase(name: "chains are one group",
                  texts: [long, long.replacingFirst("seven", with: "eight"),
                          long.replacingFirst("seven", with: "eight").replacingFirst("breaks", with: "meals")],
                  groups: [[0, 1, 2]]),
    DuplicateCase(name: "texts without words stay alone", texts: ["?!", "...", long], groups: [[0], [1], [2]]),
]

@Test(arguments: duplicateCases)
func groupsNearDuplicates(_ example: DuplicateCase) {
    #expect(NearDuplicates.groups(example.texts.map(keys)) == example.groups)
}

@Test func groupingDoesNotDependOnTheSeedForClearCases() {
    let texts = [long, long.replacingFirst("seven", with: "eight"), "parking is far too expensive for staff on nights"]
    for seed: UInt64 in [0, 1, 99, 12345] {
        #expect(NearDuplicates.groups(texts.map(keys), seed: seed) == [[0, 1], [2]])
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        replacing(target, with: replacement, maxReplacements: 1)
    }
}
