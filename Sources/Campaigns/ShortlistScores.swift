// Facilitators' criterion scores for one idea, summed up for the shortlist table (pure).

/// The aggregate of every facilitator's scores for one idea.
public struct ShortlistScores: Sendable, Equatable {
    /// Criterion key → mean score over the facilitators who scored it (nil: nobody yet).
    public var means: [String: Double]
    /// Sum of the criterion means, over the campaign's criteria (0…3 × criteria count).
    public var total: Double
    /// How many distinct facilitators scored at least one criterion.
    public var scorers: Int

    public init(means: [String: Double], total: Double, scorers: Int) {
        self.means = means
        self.total = total
        self.scorers = scorers
    }

    /// `scores` maps facilitator → criterion key → 0…3. Keys not in `criteria` are ignored
    /// (a criterion removed after scoring no longer counts).
    public static func aggregate(_ scores: [Int64: [String: Int]], criteria: [Criterion]) -> ShortlistScores {
        var means: [String: Double] = [:]
        for criterion in criteria {
            let values = scores.values.compactMap { $0[criterion.key] }
            guard !values.isEmpty else { continue }
            means[criterion.key] = Double(values.reduce(0, +)) / Double(values.count)
        }
        let keys = Set(criteria.map(\.key))
        let scorers = scores.values.filter { byCriterion in byCriterion.keys.contains(where: keys.contains) }.count
        return ShortlistScores(means: means, total: means.values.reduce(0, +), scorers: scorers)
    }
}
