// Scores that order ideas: confidence in their approval, how divisive they are, and a fair shuffle.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Pure ranking formulas over thumbs-up / thumbs-down counts.
public enum Ranking {
    /// The lower bound of the Wilson score interval for the share of up votes
    /// (Wilson 1927; the sort Evan Miller proposes in "How Not To Sort By Average Rating", 2009).
    /// `z` is the standard normal quantile; the default gives a 95% interval. 0 when there are no votes.
    public static func wilsonLowerBound(up: Int, down: Int, z: Double = 1.959963984540054) -> Double {
        let n = Double(up + down)
        guard up >= 0, down >= 0, n > 0 else { return 0 }
        let p = Double(up) / n
        let z2 = z * z
        let centre = p + z2 / (2 * n)
        let spread = z * sqrt((p * (1 - p) + z2 / (4 * n)) / n)
        return max(0, (centre - spread) / (1 + z2 / n))
    }

    /// Reddit's controversy score: many votes, evenly split, score highest.
    /// `(up + down) ^ (min / max)`; 0 when either count is 0.
    public static func controversy(up: Int, down: Int) -> Double {
        guard up > 0, down > 0 else { return 0 }
        let magnitude = Double(up + down)
        let balance = Double(min(up, down)) / Double(max(up, down))
        return pow(magnitude, balance)
    }

    /// A sort key that shuffles ideas the same way every time for one contributor (their `seed`) and
    /// differently for the next, so no idea gains from a fixed position. `splitmix64(seed ^ id)`.
    public static func shuffleKey(seed: UInt64, id: Int64) -> UInt64 {
        splitmix64(seed ^ UInt64(bitPattern: id))
    }

    /// SplitMix64's first output from `state`.
    static func splitmix64(_ state: UInt64) -> UInt64 {
        var generator = SplitMix(seed: state)
        return generator.next()
    }
}
