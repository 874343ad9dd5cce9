// How many votes (and how many of them up) and comments each generated contribution gets, fixed before any row is written.
import Campaigns

/// Per-contribution counts for a seed run, indexed by contribution position (0 = first inserted).
/// Popularity follows Zipf over a shuffled order, so the most voted ideas are spread across ids
/// and dates; each idea has its own approval rate, so some are loved and a few split opinion.
struct SeedPlan {
    /// Votes per contribution; never more than the number of people.
    let votes: [Int]
    /// How many of those votes are thumbs up.
    let ups: [Int]
    /// Comments per contribution, replies included.
    let comments: [Int]

    init(size: SeedSize, people: Int, random: inout SplitMix) {
        let count = size.contributions
        var order = Array(0..<count)
        order.shuffle(using: &random)
        let voteShares = ZipfAllocation(total: size.votes, items: count, exponent: 1.0, cap: people).counts
        // Discussion is long-tailed too but flatter than voting: people comment on what they read.
        let commentShares = ZipfAllocation(total: size.comments, items: count, exponent: 0.8, cap: 20_000).counts
        var votes = [Int](repeating: 0, count: count)
        var comments = [Int](repeating: 0, count: count)
        for (rank, position) in order.enumerated() {
            votes[position] = voteShares[rank]
            comments[position] = commentShares[rank]
        }
        self.votes = votes
        self.comments = comments
        self.ups = votes.map { total in
            // Approval between 30% and 95%, most ideas well liked, about one in six contested.
            let approval = random.next() % 6 == 0
                ? 0.30 + Double(random.next() % 30) / 100
                : 0.65 + Double(random.next() % 31) / 100
            return Int((Double(total) * approval).rounded())
        }
    }

    func score(_ index: Int) -> Double {
        Ranking.wilsonLowerBound(up: ups[index], down: votes[index] - ups[index])
    }

    func controversy(_ index: Int) -> Double {
        Ranking.controversy(up: ups[index], down: votes[index] - ups[index])
    }
}
