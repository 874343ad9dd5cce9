// SplitMix64: the one seeded generator behind shuffles, the demo's and the seeder's votes, and scripted tests.

/// Steele, Lea & Flood's SplitMix64 (2014): each step adds the golden gamma to the state and mixes
/// it. Small, fast and the same on every machine, so a seed always gives the same sequence; not for
/// secrets. The first output from seed 0 is 0xE220A8397B1DCDAF (Vigna's reference splitmix64.c).
public struct SplitMix: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's finaliser: every input bit affects every output bit.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
