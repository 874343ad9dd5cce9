// k-anonymity for profile breakdowns: small groups are suppressed, with a second one when the first could be derived.

/// One group of a breakdown after suppression.
enum BreakdownEntry: Sendable, Equatable {
    /// `choice` nil is "did not answer".
    case shown(choice: String?, count: Int)
    /// Groups with 1 to k−1 people, merged into one entry that reveals neither names nor counts.
    case suppressed
}

enum ProfileBreakdown {
    /// Groups with fewer than `k` people (but at least one) are suppressed. Empty groups stay
    /// shown as 0: they describe nobody. Because the total number of participants is published,
    /// a single suppressed group could be recovered by subtraction, so then the smallest shown
    /// non-empty group is suppressed too (secondary suppression). All suppressed groups become
    /// one `.suppressed` entry at the end.
    static func apply(_ groups: [(choice: String?, count: Int)], k: Int) -> [BreakdownEntry] {
        var hidden = Set(groups.indices.filter { groups[$0].count > 0 && groups[$0].count < k })
        if hidden.count == 1 {
            let candidates = groups.indices.filter { !hidden.contains($0) && groups[$0].count > 0 }
            if let smallest = candidates.min(by: { (groups[$0].count, $0) < (groups[$1].count, $1) }) {
                hidden.insert(smallest)
            }
        }
        var entries = groups.indices.filter { !hidden.contains($0) }.map {
            BreakdownEntry.shown(choice: groups[$0].choice, count: groups[$0].count)
        }
        if !hidden.isEmpty { entries.append(.suppressed) }
        return entries
    }
}
