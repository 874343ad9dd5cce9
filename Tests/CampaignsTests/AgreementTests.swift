// Agreement statistics against published worked examples.

import Testing
@testable import Campaigns

private func labels(_ row: [Int?]) -> [String?] { row.map { $0.map(String.init) } }

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal data,
/// 4 observers × 12 units with missing values; the paper gives alpha = 0.743.
/// Transposed here to items × coders.
private let krippendorff2011: [[String?]] = {
    let observers: [[Int?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]
    return (0..<12).map { unit in labels(observers.map { $0[unit] }) }
}()

/// Wikipedia, "Krippendorff's alpha", worked example: 3 coders × 15 units, nominal alpha = 0.691.
private let wikipediaAlpha: [[String?]] = {
    let coders: [[Int?]] = [
        [nil, nil, nil, nil, nil, 3, 4, 1, 2, 1, 1, 3, 3, nil, 3],
        [1, nil, 2, 1, 3, 3, 4, 3, nil, nil, nil, nil, nil, nil, nil],
        [nil, nil, 2, 1, 3, 4, 4, nil, 2, 1, 1, 3, 3, nil, 4],
    ]
    return (0..<15).map { unit in labels(coders.map { $0[unit] }) }
}()

@Test func krippendorffsOwnNominalExample() throws {
    let alpha = try #require(Agreement.krippendorffAlpha(krippendorff2011))
    #expect((alpha * 1000).rounded() / 1000 == 0.743)
    // The Python package `krippendorff` gives 0.743421052631579 on the same data.
    #expect(abs(alpha - 0.743421052631579) < 1e-12)
}

@Test func wikipediasAlphaExample() throws {
    let alpha = try #require(Agreement.krippendorffAlpha(wikipediaAlpha))
    #expect((alpha * 1000).rounded() / 1000 == 0.691)
}

/// Wikipedia, "Cohen's kappa", simple example: 50 proposals, both yes 20, A yes B no 5, A no B yes 10,
/// both no 15; po = 0.7, pe = 0.5, kappa = 0.4. The two further rows are the same article's
/// "same agreement, different kappa" pair (0.1304 and 0.2593).
@Test(arguments: [
    (20, 5, 10, 15, 0.4),
    (45, 15, 25, 15, 0.1304),
    (25, 35, 5, 35, 0.2593),
])
func cohensKappaTextbookExamples(yesYes: Int, yesNo: Int, noYes: Int, noNo: Int, expected: Double) throws {
    let a = Array(repeating: "yes", count: yesYes + yesNo) + Array(repeating: "no", count: noYes + noNo)
    let b = Array(repeating: "yes", count: yesYes) + Array(repeating: "no", count: yesNo)
        + Array(repeating: "yes", count: noYes) + Array(repeating: "no", count: noNo)
    let kappa = try #require(Agreement.cohensKappa(a, b))
    #expect(abs(kappa - expected) < 0.00005)
}

@Test func perfectAgreementIsOne() {
    let a = ["x", "y", "z", "x", "y"]
    #expect(Agreement.cohensKappa(a, a) == 1)
    let data = a.map { [$0, $0, $0] as [String?] }
    #expect(Agreement.krippendorffAlpha(data) == 1)
    #expect(Agreement.percentAgreement(data) == 1)
    #expect(Agreement.meanPairwiseKappa(data) == 1)
}

@Test func singleCategoryIsDefinedForKappaAndUndefinedForAlpha() {
    let a = Array(repeating: "absent", count: 8)
    #expect(Agreement.cohensKappa(a, a) == 1)
    let data = a.map { [$0, $0] as [String?] }
    #expect(Agreement.krippendorffAlpha(data) == nil)
    #expect(Agreement.percentAgreement(data) == 1)
}

@Test func exactChanceAgreementIsZeroKappa() {
    #expect(Agreement.cohensKappa(["x", "x", "y", "y"], ["x", "y", "x", "y"]) == 0)
}

/// Two coders labelling 20,000 items independently at random from four labels agree only by chance.
@Test func independentCodersScoreAboutZero() throws {
    let labels = ["a", "b", "c", "d"]
    let items = 20_000
    let a = (0..<items).map { labels[Int(Ranking.shuffleKey(seed: 1, id: Int64($0)) % 4)] }
    let b = (0..<items).map { labels[Int(Ranking.shuffleKey(seed: 2, id: Int64($0)) % 4)] }
    let kappa = try #require(Agreement.cohensKappa(a, b))
    let alpha = try #require(Agreement.krippendorffAlpha(zip(a, b).map { [$0, $1] }))
    #expect(abs(kappa) < 0.03)
    #expect(abs(alpha) < 0.03)
    #expect(abs(try #require(Agreement.percentAgreement(zip(a, b).map { [$0, $1] })) - 0.25) < 0.02)
}

@Test func percentAgreementUsesPairableItemsOnly() throws {
    let data: [[String?]] = [["a", "a", nil], ["a", "b", "a"], [nil, nil, "b"]]
    let percent = try #require(Agreement.percentAgreement(data))
    #expect(abs(percent - 2.0 / 3.0) < 1e-12)  // (1 + 1/3) / 2
    #expect(Agreement.percentAgreement([[nil, "a"], ["b", nil]]) == nil)
}

@Test func undefinedInputs() {
    #expect(Agreement.cohensKappa([], []) == nil)
    #expect(Agreement.cohensKappa(["a"], ["a", "b"]) == nil)
    #expect(Agreement.krippendorffAlpha([]) == nil)
    #expect(Agreement.krippendorffAlpha([["a", nil], [nil, "b"]]) == nil)
    #expect(Agreement.meanPairwiseKappa([["a", nil], [nil, "b"]]) == nil)
}

/// With three coders, Light's kappa is the mean of the three pairwise Cohen's kappas.
@Test func meanPairwiseKappaAveragesPairs() throws {
    let c1 = ["x", "x", "y", "y"], c2 = ["x", "y", "x", "y"], c3 = ["x", "x", "y", "y"]
    let data = (0..<4).map { [c1[$0], c2[$0], c3[$0]] as [String?] }
    let expected = (try #require(Agreement.cohensKappa(c1, c2)) + #require(Agreement.cohensKappa(c1, c3))
        + #require(Agreement.cohensKappa(c2, c3))) / 3
    #expect(try #require(Agreement.meanPairwiseKappa(data)) == expected)
    #expect(abs(expected - 1.0 / 3.0) < 1e-12)
}
