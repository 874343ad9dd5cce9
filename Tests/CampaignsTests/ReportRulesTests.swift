// Reports weighed by their reporter's standing, the hold rule, and bursts: oracle tables.

import Testing
@testable import Campaigns

@Suite("Report rules")
struct ReportRulesTests {
    @Test("weights", arguments: [
        // age (s), posts, votes → weight
        (0, 0, 0, 0.0625), (599, 0, 4, 0.0625), (599, 0, 5, 0.09375), (599, 1, 0, 0.125),
        (600, 0, 0, 0.125), (3599, 2, 9, 0.25),
        (3600, 0, 0, 0.25), (86_399, 0, 5, 0.375), (86_399, 1, 0, 0.5),
        (86_400, 0, 0, 0.5), (86_400, 0, 5, 0.75), (86_400, 3, 0, 1), (10_000_000, 1, 100, 1),
    ] as [(Int64, Int, Int, Double)])
    func weights(age: Int64, posts: Int, votes: Int, expected: Double) {
        #expect(ReportWeighing.weight(ReporterStanding(age: age, posts: posts, votes: votes)) == expected)
    }

    @Test("forty-eight fresh identities weigh exactly what three established people do")
    func freshIdentitiesWeighLittle() {
        let fresh = ReportWeighing.weight(ReporterStanding(age: 30, posts: 0, votes: 0))
        let total = (0..<48).reduce(0.0) { sum, _ in sum + fresh }
        #expect(total == 3 * ReportWeighing.weight(ReporterStanding(age: 2 * 86_400, posts: 1, votes: 0)))
        #expect(ReportRules.decide(ReportedContribution(official: false, reviewed: false, held: false, openWeight: total - fresh,
                                                        threshold: 3)) == .queue)
        #expect(ReportRules.decide(ReportedContribution(official: false, reviewed: false, held: false, openWeight: total,
                                                        threshold: 3)) == .hold)
    }

    /// The oracle: only an ordinary, unreviewed, not yet held contribution is held, at the threshold.
    @Test("hold decisions", arguments: [false, true], [false, true])
    func decisions(official: Bool, reviewed: Bool) {
        for held in [false, true] {
            for (weight, threshold) in [(0.0625, 1), (0.984375, 1), (1.0, 1), (2.9375, 3), (3.0, 3), (0.125 + 0.375 + 2.5, 3), (40.0, 3)] {
                let expected: ReportDecision = !official && !reviewed && !held && weight >= Double(threshold) ? .hold : .queue
                let decided = ReportRules.decide(
                    ReportedContribution(official: official, reviewed: reviewed, held: held, openWeight: weight, threshold: threshold))
                #expect(decided == expected, "official \(official) reviewed \(reviewed) held \(held) weight \(weight)/\(threshold)")
            }
        }
    }

    @Test("bursts", arguments: [
        ([], false), ([0, 100], false), ([0, 300, 599], true), ([0, 300, 600], false),
        ([5000, 0, 4700, 4999], true), ([0, 1000, 2000, 3000], false), ([7, 7, 7], true),
    ] as [([Int64], Bool)])
    func itemBursts(times: [Int64], expected: Bool) {
        #expect(ReportSignals.itemBurst(times) == expected)
    }

    @Test("a campaign's burst counts the last hour only")
    func campaignBurst() {
        let now: Int64 = 100_000
        #expect(ReportSignals.campaignBurst(Array(repeating: now - 10, count: 10), now: now))
        #expect(!ReportSignals.campaignBurst(Array(repeating: now - 10, count: 9), now: now))
        #expect(!ReportSignals.campaignBurst(Array(repeating: now - 3600, count: 50), now: now))
    }
}
