// Reports weighed by their reporter's standing, the hold rule, and bursts: oracle tables.

import Testing
@testable import Campaigns

@Suite("Report rules")
struct ReportRulesTests {
    @Test("weights", arguments: [
        // days since joining, posts, votes → weight
        (0, 0, 0, 0.0625), (0, 0, 4, 0.0625), (0, 0, 5, 0.09375), (0, 1, 0, 0.125),
        (1, 0, 0, 0.125), (1, 0, 5, 0.1875), (1, 2, 9, 0.25),
        (2, 0, 0, 0.5), (2, 0, 5, 0.75), (2, 3, 0, 1), (400, 1, 100, 1),
    ] as [(Int64, Int, Int, Double)])
    func weights(days: Int64, posts: Int, votes: Int, expected: Double) {
        #expect(ReportWeighing.weight(ReporterStanding(days: days, posts: posts, votes: votes)) == expected)
    }

    static func ordinary(established: Double, fresh: Double, threshold: Int = 3) -> ReportedContribution {
        ReportedContribution(official: false, reviewed: false, held: false, establishedWeight: established, freshWeight: fresh,
                             threshold: threshold)
    }

    @Test("identities made today or yesterday never hold a contribution on their own, however many")
    func freshIdentitiesCannotHoldAlone() {
        let fresh = ReportWeighing.weight(ReporterStanding(days: 0, posts: 0, votes: 0))
        #expect(fresh == 0.0625)
        #expect(ReportRules.decide(Self.ordinary(established: 0, fresh: 1000 * fresh)) == .queue)
        #expect(ReportRules.decide(Self.ordinary(established: 0, fresh: 1000)) == .queue)
        // They can add half the threshold to established people's reports, no more.
        #expect(ReportRules.decide(Self.ordinary(established: 1.5, fresh: 1.5)) == .hold)
        #expect(ReportRules.decide(Self.ordinary(established: 1.4375, fresh: 100)) == .queue)
        #expect(ReportRules.decide(Self.ordinary(established: 3, fresh: 0)) == .hold)
        #expect(ReportWeighing.isFresh(days: 1) && !ReportWeighing.isFresh(days: 2))
    }

    /// The oracle: only an ordinary, unreviewed, not yet held contribution is held, at the threshold
    /// (established weights as given; fresh ones capped at half the threshold).
    @Test("hold decisions", arguments: [false, true], [false, true])
    func decisions(official: Bool, reviewed: Bool) {
        let cases: [(established: Double, fresh: Double, threshold: Int, reaches: Bool)] = [
            (0.0625, 0, 1, false), (0.984375, 0, 1, false), (1.0, 0, 1, true), (0, 0.5, 1, false), (0.5, 0.5, 1, true),
            (0.5, 9, 1, true), (2.9375, 0, 3, false), (3.0, 0, 3, true), (0.125 + 0.375 + 2.5, 0, 3, true), (40.0, 0, 3, true),
            (1, 1.5, 3, false), (1.5, 1.5, 3, true), (0, 40, 3, false),
        ]
        for held in [false, true] {
            for c in cases {
                let expected: ReportDecision = !official && !reviewed && !held && c.reaches ? .hold : .queue
                let decided = ReportRules.decide(ReportedContribution(
                    official: official, reviewed: reviewed, held: held, establishedWeight: c.established, freshWeight: c.fresh,
                    threshold: c.threshold))
                #expect(decided == expected, "official \(official) reviewed \(reviewed) held \(held) \(c)")
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
