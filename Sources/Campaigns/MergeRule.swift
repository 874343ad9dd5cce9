// What happens to votes when a facilitator merges one contribution into another.

/// When a duplicate is merged into its target, its votes move across with each voter counted once.
public enum MergeRule {
    /// Source and target votes by voter id → the target's votes after the merge (target's value wins on conflict).
    /// A voter who voted on both keeps the vote they cast on the target.
    public static func mergedVotes(source: [Int64: Vote], target: [Int64: Vote]) -> [Int64: Vote] {
        source.merging(target) { _, targetValue in targetValue }
    }
}
