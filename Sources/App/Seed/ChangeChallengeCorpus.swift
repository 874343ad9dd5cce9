// Generated Understand contributions of a Change Challenge–sized campaign, each with the themes it is really about.
import Campaigns
import Foundation

/// One generated contribution and its latent themes (indices into `ChangeChallengeCodebook.themes`).
public struct SeededContribution: Sendable, Equatable {
    public var title: String?
    public var body: String
    /// Empty for an off-topic contribution (coded "not relevant").
    public var themes: [Int]
}

/// Contributions written from the codebook's sentences, one to three per theme, with the fillers and
/// off-topic posts real campaigns have, and a few reposts of an earlier contribution (near-duplicates).
/// Random access and deterministic: `contribution(at:)` depends on the position only, so a test can
/// regenerate what any seeded contribution is about, and two teams' codes for it (`teamCode`).
public enum ChangeChallengeCorpus {
    public static var themeCount: Int { ChangeChallengeCodebook.themes.count }

    public static func contribution(at position: Int) -> SeededContribution {
        var random = SplitMix(seed: SplitMix.mix(0xC4A1_1E96_0000 &+ UInt64(position)))
        // About one in thirty is a repost of a recent contribution, with a line added or not.
        if position >= 10, random.next() % 30 == 0 {
            var copy = contribution(at: position - 1 - Int(random.next() % UInt64(min(position, 40))))
            if random.next() % 2 == 0 { copy.body += " " + fill(ChangeChallengeCodebook.fillers.pick(&random), &random) }
            return copy
        }
        if random.next() % 20 == 0 {
            return SeededContribution(title: nil, body: ChangeChallengeCodebook.offTopic.pick(&random), themes: [])
        }
        var themes = [popularTheme(&random)]
        if random.next() % 10 < 3 {
            var second = popularTheme(&random)
            while second == themes[0] { second = popularTheme(&random) }
            themes.append(second)
        }
        var sentences: [String] = []
        for theme in themes {
            var pool = ChangeChallengeCodebook.themes[theme].sentences
            pool.shuffle(using: &random)
            sentences += pool.prefix(random.next() % 3 == 0 ? 2 : 1).map { fill($0, &random) }
        }
        if random.next() % 5 < 2 { sentences.append(fill(ChangeChallengeCodebook.fillers.pick(&random), &random)) }
        sentences.shuffle(using: &random)
        let body = sentences.joined(separator: " ")
        let title: String? = random.next() % 10 < 3 ? sentences[0].split(separator: " ").prefix(5).joined(separator: " ") : nil
        return SeededContribution(title: title, body: body, themes: themes.sorted())
    }

    /// Team `team`'s code for the contribution at `position`: its true themes six times in seven;
    /// otherwise the slips coders make — one of two themes left out, a theme taken for its
    /// confusable neighbour, or the neighbour added.
    public static func teamCode(at position: Int, team: Int) -> (themes: [Int], notRelevant: Bool) {
        let truth = contribution(at: position).themes
        guard !truth.isEmpty else { return ([], true) }
        var random = SplitMix(seed: SplitMix.mix(0x7EA4_C0DE_0000 &+ UInt64(position) &* 2 &+ UInt64(team)))
        guard random.next() % 7 == 0 else { return (truth, false) }
        if truth.count > 1, random.next() % 2 == 0 { return ([truth[Int(random.next() % 2)]], false) }
        let slip = truth[Int(random.next() % UInt64(truth.count))]
        let neighbour = ChangeChallengeCodebook.confusable[slip] ?? (slip + 1) % themeCount
        var themes = Set(truth)
        if random.next() % 5 < 3 { themes.remove(slip) }
        themes.insert(neighbour)
        return (themes.sorted(), false)
    }

    /// A theme index, the first themes more often (weights 1 / rank^0.7).
    private static func popularTheme(_ random: inout SplitMix) -> Int {
        var target = Double(random.next() >> 11) / Double(1 << 53) * popularity.reduce(0, +)
        for (theme, weight) in popularity.enumerated() {
            target -= weight
            if target < 0 { return theme }
        }
        return popularity.count - 1
    }

    private static let popularity = (1...ChangeChallengeCodebook.themes.count).map { 1 / pow(Double($0), 0.7) }

    private static func fill(_ sentence: String, _ random: inout SplitMix) -> String {
        sentence.replacing("{role}", with: ChangeChallengeCodebook.roles.pick(&random))
            .replacing("{place}", with: ChangeChallengeCodebook.places.pick(&random))
    }
}

extension Array {
    fileprivate func pick(_ random: inout SplitMix) -> Element {
        self[Int(random.next() % UInt64(count))]
    }
}
