// A campaign's contributions ready for the analysis aids: their terms, the vocabulary and every text's vector.

/// One text to analyse: a contribution's id and what it says (title and body).
public struct AnalysisText: Sendable, Equatable {
    public var id: Int64
    public var text: String

    public init(id: Int64, text: String) {
        self.id = id
        self.text = text
    }
}

/// The texts normalised once (`TermNormaliser.terms`), weighted over their own vocabulary
/// (`TermWeighting`), in ascending id order. Built from text alone: no code, team or person is in it.
/// The words themselves are not kept (only the vocabulary, the vectors and each text's word-pair
/// shingles), so a corpus of 7,500 contributions holds a few megabytes.
public struct AnalysisCorpus: Sendable {
    /// Ascending.
    public let ids: [Int64]
    public let weighting: TermWeighting
    /// Index → the text's TF-IDF vector (empty when none of its terms is in the vocabulary).
    public let vectors: [SparseVector]
    /// Index → the text's `NearDuplicates.shingles`.
    let shingles: [[UInt64]]
    private let positions: [Int64: Int]

    public init(_ texts: [AnalysisText], minimumDocuments: Int = 2, maximumShare: Double = 0.5) {
        let sorted = texts.sorted { $0.id < $1.id }
        ids = sorted.map(\.id)
        let terms = sorted.map { TermNormaliser.terms($0.text) }
        weighting = TermWeighting(terms, minimumDocuments: minimumDocuments, maximumShare: maximumShare)
        vectors = terms.map(weighting.vector)
        shingles = terms.map { NearDuplicates.shingles($0.filter { !$0.key.contains(" ") }.map(\.key)) }
        positions = Dictionary(ids.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    public var count: Int { ids.count }

    /// The index of contribution `id`, if it is in the corpus.
    public func position(of id: Int64) -> Int? { positions[id] }

    /// The vector of contribution `id` (empty when it is not in the corpus).
    public func vector(of id: Int64) -> SparseVector {
        positions[id].map { vectors[$0] } ?? SparseVector()
    }

    /// The normalised sum of the vectors at `indices`, dense over the vocabulary.
    func centroid(_ indices: [Int]) -> [Double] {
        var sum = Array(repeating: 0.0, count: weighting.dimensions)
        for i in indices { vectors[i].add(into: &sum) }
        return SphericalKMeans.normalised(sum)
    }
}
