// Term weighting: which terms a corpus keeps, how rare each is, and every text as a TF-IDF vector.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terms of one corpus with their document frequencies and inverse document frequencies.
///
/// A term is kept when it occurs in at least `minimumDocuments` texts (a word only one person
/// wrote groups nothing and may be a name) and in at most `maximumShare` of them (a word nearly
/// everyone wrote tells the texts apart no better than a stop word). Weights are TF-IDF as in
/// Manning, Raghavan & Schütze, *Introduction to Information Retrieval* (2008), §6.2–6.4: a
/// sublinear term frequency `1 + ln tf`, the smoothed `idf = ln((1 + N) / (1 + df)) + 1`, and the
/// vector scaled to length 1, so that a dot product is the cosine similarity.
public struct TermWeighting: Sendable {
    /// Index → term key.
    public let keys: [String]
    /// Index → how the term was most often written (ties: the first seen).
    public let surfaces: [String]
    /// Index → the number of texts that contain the term.
    public let documentFrequency: [Int]
    /// Index → the term's inverse document frequency.
    public let idf: [Double]
    /// Texts in the corpus.
    public let documents: Int
    private let index: [String: Int32]

    public var dimensions: Int { keys.count }

    /// The vocabulary of `texts`, each given as its `TermNormaliser.terms`.
    public init(_ texts: [[Term]], minimumDocuments: Int = 2, maximumShare: Double = 0.5) {
        var frequency: [String: Int] = [:]
        var written: [String: [String: Int]] = [:]
        var firstSeen: [String: Int] = [:]
        for terms in texts {
            for term in terms {
                written[term.key, default: [:]][term.surface, default: 0] += 1
                if firstSeen[term.key] == nil { firstSeen[term.key] = firstSeen.count }
            }
            for key in Set(terms.map(\.key)) { frequency[key, default: 0] += 1 }
        }
        let ceiling = Double(texts.count) * maximumShare
        let kept = frequency.filter { $0.value >= minimumDocuments && Double($0.value) <= ceiling }.keys
            .sorted()
        keys = kept
        documentFrequency = kept.map { frequency[$0] ?? 0 }
        surfaces = kept.map { key in
            let forms = written[key] ?? [:]
            return forms.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? key
        }
        documents = texts.count
        let n = Double(texts.count)
        idf = documentFrequency.map { df in Self.idf(documents: n, frequency: Double(df)) }
        index = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($0.element, Int32($0.offset)) })
    }

    /// The smoothed inverse document frequency of a term in `frequency` of `documents` texts.
    public static func idf(documents: Double, frequency: Double) -> Double {
        log((1 + documents) / (1 + frequency)) + 1
    }

    /// The index of `key`, if the vocabulary kept it.
    public func index(of key: String) -> Int32? { index[key] }

    /// The text's L2-normalised TF-IDF vector over the kept terms (empty if it has none).
    public func vector(_ terms: [Term]) -> SparseVector {
        var counts: [Int32: Int] = [:]
        for term in terms {
            if let i = index[term.key] { counts[i, default: 0] += 1 }
        }
        let weighted = counts.map { i, tf in (i, (1 + log(Double(tf))) * idf[Int(i)]) }
        return SparseVector(weighted).normalised()
    }
}
