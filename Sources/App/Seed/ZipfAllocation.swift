// Long-tailed (Zipf) shares: how many votes or comments each contribution of a generated campaign gets.
import Foundation

/// Splits a total over ranked items with weights `1 / (rank + 1)^exponent`, so a few items get most
/// and the long tail gets a few each — the shape of real voting.
struct ZipfAllocation {
    /// The exact counts, one per item, indexed by rank (0 = most popular). They sum to the total
    /// unless every item reached `cap`.
    let counts: [Int]

    /// - Parameters:
    ///   - total: what to share out.
    ///   - items: how many items share it.
    ///   - exponent: 1 is classic Zipf; smaller flattens the tail.
    ///   - cap: the most one item may get (a contribution gets at most one vote per person).
    init(total: Int, items: Int, exponent: Double, cap: Int) {
        precondition(items > 0 && cap > 0, "sizes are positive")
        let weights = (0..<items).map { 1 / pow(Double($0 + 1), exponent) }
        var counts = [Int](repeating: 0, count: items)
        var remaining = min(total, items * cap)
        // Each round shares what is left over the items still under the cap; capped items drop out.
        while remaining > 0 {
            let open = counts.indices.filter { counts[$0] < cap }
            let weightSum = open.reduce(0) { $0 + weights[$1] }
            var given = 0
            for index in open {
                let share = min(cap - counts[index], Int(Double(remaining) * weights[index] / weightSum))
                counts[index] += share
                given += share
            }
            if given == 0 {
                // Rounding left a remainder smaller than one per item: hand it out from the top.
                for index in open where given < remaining {
                    counts[index] += 1
                    given += 1
                }
            }
            remaining -= given
        }
        self.counts = counts
    }
}
