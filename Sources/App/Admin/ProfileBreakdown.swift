// k-anonymity for released profile statistics: small answer combinations suppressed, breakdowns made from what is left.
import Storage

/// One group of a breakdown after suppression.
enum BreakdownEntry: Sendable, Equatable {
    /// `choice` nil is "did not answer".
    case shown(choice: String?, count: Int)
    /// Everyone in a suppressed combination, as one entry that reveals neither names nor counts.
    case suppressed
}

/// What a release may show at k. The unit is the whole combination of a person's answers (the
/// quasi-identifier: answers that are common one by one can single someone out together):
/// - a combination held by fewer than k people (but at least one) is suppressed; when that leaves
///   exactly one suppressed, its size would follow from the total by subtraction, so the smallest
///   shown combination is suppressed too (secondary suppression);
/// - per-question breakdowns are summed from the shown combinations only — each group is then at
///   least k — so a breakdown cannot be subtracted from the participants export to recover a
///   suppressed combination; everyone suppressed is one `.suppressed` entry at the end;
/// - groups of nobody are never listed, so a suppressed entry has no zeros beside it to tell by
///   elimination which group it hides.
struct ProfileBreakdown {
    /// Shown combinations and their sizes, largest first (then by key).
    let shown: [(combination: String, count: Int)]
    /// People in suppressed combinations.
    let suppressed: Int

    init(_ release: ReleaseRecord, k: Int) {
        let groups = release.groups.filter { $0.value > 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var hidden = Set(groups.indices.filter { groups[$0].value < k })
        if hidden.count == 1, let smallest = groups.indices.last(where: { !hidden.contains($0) }) {
            hidden.insert(smallest)
        }
        shown = groups.indices.filter { !hidden.contains($0) }.map { (groups[$0].key, groups[$0].value) }
        suppressed = hidden.reduce(0) { $0 + groups[$1].value }
    }

    /// The breakdown of question number `index` (in the campaign's order) with these `choices`:
    /// offered choices in order, then "did not answer", then any other stored answer.
    func breakdown(question index: Int, of count: Int, choices: [String]) -> [BreakdownEntry] {
        var totals: [String?: Int] = [:]
        for group in shown {
            let answer = StatisticsRelease.answers(ofCombination: group.combination, questionCount: count)[index]
            totals[answer, default: 0] += group.count
        }
        let order: [String?] = choices.map { Optional($0) } + [nil]
            + totals.keys.compactMap { $0 }.filter { !choices.contains($0) }.sorted().map { Optional($0) }
        var entries = order.compactMap { choice in totals[choice].map { BreakdownEntry.shown(choice: choice, count: $0) } }
        if suppressed > 0 { entries.append(.suppressed) }
        return entries
    }
}
