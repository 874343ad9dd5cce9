// The agreement report built from coders' theme sets, checked against figures worked by hand.

import Testing
@testable import Campaigns

/// Two coders, five items, themes 10 and 20. Item 5 has one coder and is not pairable.
///
/// Theme 10 (present/absent): P P | P P | A A | A A → percent 1, kappa 1, alpha 1.
/// Theme 20: A A | P A | A P | P P → percent 0.5; kappa 0 (pe = 0.5);
/// alpha = 1 - (8 - 1) × 4 / (2 × 4 × 4) = 0.125.
/// Exact sets: {10} {10} | {10,20} {10} | {} {20} | {20} {20} → percent 0.5.
private let codes: [Int64: [String: Set<Int64>]] = [
    1: ["a": [10], "b": [10]],
    2: ["a": [10, 20], "b": [10]],
    3: ["a": [], "b": [20]],
    4: ["a": [20], "b": [20]],
    5: ["a": [10]],
]

@Test func perThemeFiguresMatchHandWorkedValues() throws {
    let report = AgreementReport.build(codes: codes, themes: [20, 10])
    #expect(report.byTheme.map(\.themeID) == [20, 10])

    let ten = try #require(report.figures(for: 10))
    #expect(ten == AgreementReport.Figures(items: 4, percent: 1, kappa: 1, alpha: 1))

    let twenty = try #require(report.figures(for: 20))
    #expect(twenty.items == 4)
    #expect(twenty.percent == 0.5)
    #expect(twenty.kappa == 0)
    #expect(abs(try #require(twenty.alpha) - 0.125) < 1e-12)
    #expect(report.figures(for: 30) == nil)
}

@Test func overallUsesTheExactSets() throws {
    let report = AgreementReport.build(codes: codes, themes: [10, 20])
    #expect(report.overall.items == 4)
    #expect(report.overall.percent == 0.5)
    // Cohen's kappa on the set labels: a = [10, 10+20, none, 20], b = [10, 10, 20, 20].
    let expected = try #require(Agreement.cohensKappa(["10", "10,20", "", "20"], ["10", "10", "20", "20"]))
    #expect(report.overall.kappa == expected)
}

@Test func aThemeNobodyUsedHasPerfectAgreementButNoAlpha() throws {
    let report = AgreementReport.build(codes: codes, themes: [99])
    let unused = try #require(report.figures(for: 99))
    #expect(unused.percent == 1)
    #expect(unused.kappa == 1)
    #expect(unused.alpha == nil)
}

@Test func noCodesGiveAnEmptyReport() {
    let report = AgreementReport.build(codes: [:], themes: [1])
    #expect(report.overall == AgreementReport.Figures(items: 0, percent: nil, kappa: nil, alpha: nil))
    #expect(report.figures(for: 1)?.items == 0)
}
