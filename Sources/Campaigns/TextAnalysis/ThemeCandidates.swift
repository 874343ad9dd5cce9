// Candidate themes: groups of related contributions, proposed from the text alone, to help draft a codebook.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Proposes, describes and splits groups of contributions for facilitators to name, merge, split
/// or discard. Grounded theory wants the themes to come from the data; these groups are a first
/// sorting of the data, never a code: nothing here reads or writes a team's decision.
///
/// The pipeline: near-duplicates are grouped first (`NearDuplicates`) so that forty copies of one
/// complaint pull on the clustering as forty voices but form one point; the groups are clustered
/// with spherical k-means over TF-IDF (`SphericalKMeans`); a contribution is covered by its cluster
/// only when its cosine with the cluster's centre reaches `minimumSimilarity`, and a cluster covering
/// fewer than `minimumSize` contributions is no candidate. Everything is deterministic for a seed.
public enum ThemeCandidates {
    public struct Settings: Sendable, Equatable {
        /// Clusters to ask for; nil: `defaultGroups(items:)`.
        public var groups: Int?
        public var seed: UInt64
        /// Fewest contributions a candidate covers.
        public var minimumSize = 3
        /// Lowest cosine with its cluster's centre at which a contribution counts as covered.
        public var minimumSimilarity = 0.15
        /// Jaccard of word-pair shingles from which two texts are near-duplicates.
        public var duplicateThreshold = 0.7

        public init(groups: Int? = nil, seed: UInt64 = 1) {
            self.groups = groups
            self.seed = seed
        }
    }

    /// Largest number of clusters a draft may ask for.
    public static let maximumGroups = 60

    /// A draft: each candidate's member ids (ascending), largest candidate first, and the ids no
    /// candidate covers (ascending; texts with no kept terms among them).
    public struct Draft: Sendable, Equatable {
        public var candidates: [[Int64]]
        public var uncovered: [Int64]
        /// The clusters asked of k-means.
        public var groups: Int
    }

    /// One cluster per 25 contributions, between 2 and 24 (the Change Challenge's 7,524
    /// contributions became 21 themes).
    public static func defaultGroups(items: Int) -> Int {
        min(24, max(2, items / 25))
    }

    public static func propose(_ corpus: AnalysisCorpus, _ settings: Settings) -> Draft {
        let duplicates = NearDuplicates.groups(
            shingles: corpus.shingles, threshold: settings.duplicateThreshold, seed: settings.seed)
        let points = duplicates.map { $0.count == 1 ? corpus.vectors[$0[0]] : SparseVector(summing: $0.map { corpus.vectors[$0] }) }
        let weights = duplicates.map { Double($0.count) }
        let groups = min(maximumGroups, max(1, settings.groups ?? defaultGroups(items: corpus.count)))
        let result = SphericalKMeans.cluster(
            points, weights: weights, dimensions: corpus.weighting.dimensions, k: groups, seed: settings.seed)

        var clusters = Array(repeating: [Int64](), count: groups)
        var uncovered: [Int64] = []
        for (point, members) in duplicates.enumerated() {
            let cluster = result.assignments[point]
            let ids = members.map { corpus.ids[$0] }
            if cluster >= 0, result.similarities[point] >= settings.minimumSimilarity {
                clusters[cluster] += ids
            } else {
                uncovered += ids
            }
        }
        var candidates: [[Int64]] = []
        for members in clusters {
            if members.count >= settings.minimumSize { candidates.append(members.sorted()) } else { uncovered += members }
        }
        candidates.sort { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
        return Draft(candidates: candidates, uncovered: uncovered.sorted(), groups: groups)
    }

    /// What a facilitator reads about a candidate.
    public struct Description: Sendable, Equatable {
        /// The most distinctive terms, as written, most distinctive first.
        public var words: [String]
        /// Ids of the members closest to the candidate's centre, no two near-identical.
        public var quotes: [Int64]
        /// Members still in the corpus.
        public var size: Int
    }

    /// Describes the candidate of `members` (ids not in the corpus are ignored).
    ///
    /// A term's distinctiveness is its share of the candidate's texts `p` weighed by how much more
    /// often it occurs there than in the corpus `q`: `p · ln(p / q)` (its term of the Kullback–
    /// Leibler divergence between the two). Only terms in two or more of the members count, so a
    /// word one person wrote (a name, say) is never shown as the group's word. A single word is
    /// left out when a pair it belongs to ranks above it, and a pair when it repeats a word of a
    /// pair above it or adds nothing to its two words above it.
    public static func describe(_ members: [Int64], in corpus: AnalysisCorpus, words: Int = 8, quotes: Int = 3)
        -> Description
    {
        let indices = members.compactMap(corpus.position(of:)).sorted()
        guard !indices.isEmpty else { return Description(words: [], quotes: [], size: 0) }
        let centre = corpus.centroid(indices)

        let ranked = indices.map { (index: $0, similarity: corpus.vectors[$0].dot(centre)) }
            .sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.index < $1.index }
        var chosen: [Int] = []
        for candidate in ranked where chosen.count < quotes {
            let vector = corpus.vectors[candidate.index]
            if chosen.contains(where: { corpus.vectors[$0].dot(vector) >= 0.8 }) { continue }
            chosen.append(candidate.index)
        }

        var inside: [Int32: Int] = [:]
        for i in indices { for term in corpus.vectors[i].indices { inside[term, default: 0] += 1 } }
        let size = Double(indices.count)
        let total = Double(corpus.count)
        let scored = inside.compactMap { term, count -> (Int32, Double)? in
            guard count >= 2 else { return nil }
            let p = Double(count) / size
            let q = Double(corpus.weighting.documentFrequency[Int(term)]) / total
            guard p > q else { return nil }
            return (term, p * log(p / q))
        }
        .sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            let x = corpus.weighting.keys[Int(a.0)], y = corpus.weighting.keys[Int(b.0)]
            return x.count != y.count ? x.count > y.count : x < y  // a pair before its own words
        }

        var picked: [String] = []
        var pickedWords = Set<String>()
        var inPairs = Set<String>()
        for (term, _) in scored where picked.count < words {
            let key = corpus.weighting.keys[Int(term)]
            let parts = key.split(separator: " ").map(String.init)
            if parts.count == 1 {
                if inPairs.contains(key) { continue }
                pickedWords.insert(key)
            } else {
                // A pair says more than its words only when it adds one.
                if parts.contains(where: inPairs.contains) || parts.allSatisfy(pickedWords.contains) { continue }
                inPairs.formUnion(parts)
            }
            picked.append(corpus.weighting.surfaces[Int(term)])
        }
        return Description(words: picked, quotes: chosen.map { corpus.ids[$0] }, size: indices.count)
    }

    /// Splits a candidate in two with spherical 2-means over its members; nil when its members
    /// cannot be told apart (all alike, or fewer than two with any kept term).
    public static func split(_ members: [Int64], in corpus: AnalysisCorpus, seed: UInt64) -> ([Int64], [Int64])? {
        let indices = members.compactMap(corpus.position(of:)).sorted()
        let result = SphericalKMeans.cluster(
            indices.map { corpus.vectors[$0] }, dimensions: corpus.weighting.dimensions, k: 2, seed: seed)
        var parts: ([Int64], [Int64]) = ([], [])
        for (position, index) in indices.enumerated() {
            if result.assignments[position] == 1 { parts.1.append(corpus.ids[index]) } else { parts.0.append(corpus.ids[index]) }
        }
        guard !parts.0.isEmpty, !parts.1.isEmpty else { return nil }
        return parts.0[0] < parts.1[0] ? parts : (parts.1, parts.0)
    }
}

extension SparseVector {
    /// The normalised sum of `vectors`.
    init(summing vectors: [SparseVector]) {
        self.init(vectors.flatMap { zip($0.indices, $0.values) })
        self = normalised()
    }
}
