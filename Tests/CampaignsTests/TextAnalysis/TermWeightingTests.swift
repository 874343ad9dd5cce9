// TF-IDF weights over a tiny corpus, worked by hand.

import Testing
@testable import Campaigns

#if canImport(Glibc)
import Glibc
#endif

private func terms(_ words: String...) -> [Term] { words.map { Term(key: $0, surface: $0) } }

@Test func keepsTermsByDocumentFrequency() {
    let corpus = [terms("apple", "banana", "everywhere"), terms("apple", "cherry", "everywhere"),
                  terms("banana", "cherry", "cherry", "durian", "everywhere")]
    // durian: in one text only; everywhere: in all three (above 70 %).
    let weighting = TermWeighting(corpus, minimumDocuments: 2, maximumShare: 0.7)
    #expect(weighting.keys == ["apple", "banana", "cherry"])
    #expect(weighting.documentFrequency == [2, 2, 2])
    #expect(weighting.documents == 3)
    let all = TermWeighting(corpus, minimumDocuments: 1, maximumShare: 1)
    #expect(all.keys == ["apple", "banana", "cherry", "durian", "everywhere"])
}

@Test func weightsAreSublinearSmoothedAndUnitLength() throws {
    let corpus = [terms("apple", "banana"), terms("apple", "cherry"), terms("banana", "cherry", "cherry")]
    let weighting = TermWeighting(corpus, minimumDocuments: 1, maximumShare: 1)
    let idf = log(4.0 / 3.0) + 1
    #expect(abs(TermWeighting.idf(documents: 3, frequency: 2) - idf) < 1e-12)
    #expect(weighting.idf.allSatisfy { abs($0 - idf) < 1e-12 })
    let vector = weighting.vector(corpus[2])
    #expect(vector.indices == [1, 2])
    let banana = idf, cherry = (1 + log(2.0)) * idf
    let length = (banana * banana + cherry * cherry).squareRoot()
    #expect(abs(vector.values[0] - banana / length) < 1e-12)
    #expect(abs(vector.values[1] - cherry / length) < 1e-12)
    #expect(abs(vector.norm - 1) < 1e-12)
    // A rarer term weighs more: in a corpus where "apple" is in every text, "cherry" outweighs it.
    let skewed = TermWeighting([terms("apple"), terms("apple"), terms("apple", "cherry")], minimumDocuments: 1, maximumShare: 1)
    let mixed = skewed.vector(terms("apple", "cherry"))
    #expect(mixed.values[1] > mixed.values[0])
    #expect(weighting.vector(terms("unknown")).isEmpty)
}

@Test func surfaceIsTheMostFrequentSpelling() {
    let corpus = [[Term(key: "ward", surface: "wards")], [Term(key: "ward", surface: "ward")],
                  [Term(key: "ward", surface: "wards")]]
    #expect(TermWeighting(corpus, minimumDocuments: 1, maximumShare: 1).surfaces == ["wards"])
}

@Test func sparseVectorArithmetic() {
    let a = SparseVector([(3, 1), (1, 2), (3, 1), (5, 0)])
    #expect(a.indices == [1, 3] && a.values == [2, 2])
    let b = SparseVector([(3, 4), (4, 1)])
    #expect(a.dot(b) == 8)
    #expect(a.dot([0, 1, 0, 1, 0]) == 4)
    var dense = [0.0, 0, 0, 0]
    a.add(into: &dense, scale: 0.5)
    #expect(dense == [0, 1, 0, 1])
    #expect(abs(a.normalised().norm - 1) < 1e-12)
}
