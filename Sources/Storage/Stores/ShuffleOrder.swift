// A seeded permutation of 0..<count that yields any position in O(1): the order of `sort=random`.
import Campaigns

/// A pseudo-random permutation of `0..<count`, different for each seed and the same every time for
/// one seed, so a contributor pages through one stable shuffle with nothing stored per contributor.
///
/// A four-round Feistel network permutes the smallest domain of `4^k ≥ count` values (two halves of
/// `k` bits); values that land outside `0..<count` are encrypted again until they land inside
/// ("cycle walking", Black & Rogaway 2002), which stays a permutation of `0..<count`. The domain is
/// under `4 × count`, so a position costs under four encryptions on average; a page of `n` costs O(n)
/// whatever the campaign's size.
public struct ShuffleOrder: Sendable {
    public let count: Int
    private let halfBits: UInt64
    private let keys: (UInt64, UInt64, UInt64, UInt64)

    public init(count: Int, seed: UInt64) {
        precondition(count >= 0, "a permutation has a non-negative size")
        var bits: UInt64 = 1
        while bits < 31 && (1 << (2 * bits)) < count { bits += 1 }
        self.count = count
        self.halfBits = bits
        var schedule = SplitMix(seed: seed)  // the round keys
        keys = (schedule.next(), schedule.next(), schedule.next(), schedule.next())
    }

    /// The index placed at `position` (both in `0..<count`).
    public func index(at position: Int) -> Int {
        precondition(position >= 0 && position < count, "position out of range")
        var value = UInt64(position)
        repeat { value = encrypt(value) } while value >= UInt64(count)
        return Int(value)
    }

    private func encrypt(_ value: UInt64) -> UInt64 {
        let mask: UInt64 = (1 << halfBits) - 1
        var left = value >> halfBits
        var right = value & mask
        func round(_ key: UInt64) { (left, right) = (right, left ^ (SplitMix.mix(right ^ key) & mask)) }
        round(keys.0)
        round(keys.1)
        round(keys.2)
        round(keys.3)
        return (left << halfBits) | right
    }
}
