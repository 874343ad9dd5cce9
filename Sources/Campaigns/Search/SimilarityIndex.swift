// Okapi BM25 over a campaign's contributions, for the submit form's "similar ideas already shared" hint.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One contribution as the index reads it.
public struct SimilarityDocument: Sendable, Equatable {
    public var id: Int64
    public var title: String?
    public var body: String

    public init(id: Int64, title: String?, body: String) {
        self.id = id
        self.title = title
        self.body = body
    }
}

/// An inverted index of a campaign's contributions, ranked by Okapi BM25 (Robertson & Zaragoza,
/// "The Probabilistic Relevance Framework: BM25 and Beyond", 2009) over the words every analysis
/// aid shares (`TermNormaliser.keys`: folded, stop words out, plurals stemmed), a title counting
/// `titleWeight` times. Stop words never match ("Parking for disabled drivers" found "Community
/// midwives" through a comment's "for" when FTS5 ranked every word typed), and a match is offered
/// only when its score reaches `threshold` of what a typical-length contribution holding each typed
/// word once would score (a word no contribution uses counted as if one did), so one shared common
/// word ("appointment") among many suggests nothing. Built once per version of the
/// campaign's texts; pure and deterministic.
public struct SimilarityIndex: Sendable {
    /// BM25's term-frequency saturation and length normalisation, the usual values.
    public static let k1 = 1.2
    public static let b = 0.75
    /// How many times a title's words count against the body's.
    public static let titleWeight = 2
    /// The share of the typed text's best possible score a contribution must reach to be offered.
    public static let threshold = 0.35
    /// Typed words beyond this are ignored, bounding one request's work.
    public static let maxQueryTerms = 32

    private struct Posting: Sendable {
        var document: Int32
        var count: Int32
    }

    private let ids: [Int64]
    private let lengths: [Double]
    private let averageLength: Double
    private let postings: [String: [Posting]]

    public init(_ documents: [SimilarityDocument]) {
        var ids: [Int64] = []
        var lengths: [Double] = []
        var postings: [String: [Posting]] = [:]
        ids.reserveCapacity(documents.count)
        for (index, document) in documents.enumerated() {
            var counts: [String: Int32] = [:]
            for key in TermNormaliser.keys(document.title ?? "") { counts[key, default: 0] += Int32(Self.titleWeight) }
            for key in TermNormaliser.keys(document.body) { counts[key, default: 0] += 1 }
            ids.append(document.id)
            lengths.append(Double(counts.values.reduce(0, +)))
            for (key, count) in counts { postings[key, default: []].append(Posting(document: Int32(index), count: count)) }
        }
        self.ids = ids
        self.lengths = lengths
        self.averageLength = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Double(lengths.count))
        self.postings = postings
    }

    public var count: Int { ids.count }

    /// BM25's inverse document frequency, in the form that is never negative (Lucene's):
    /// ln(1 + (N − df + ½) / (df + ½)).
    private func idf(_ documentFrequency: Int) -> Double {
        let n = Double(ids.count), df = Double(documentFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// The contributions closest to `text`, best first, at most `limit`, each reaching `threshold`
    /// of the text's best possible score (ties broken by the newer id). Empty when the text has no
    /// content words.
    public func similar(to text: String, limit: Int = 5) -> [(id: Int64, score: Double)] {
        var queryTerms: [String: Int] = [:]
        for key in TermNormaliser.keys(text) where queryTerms.count < Self.maxQueryTerms || queryTerms[key] != nil {
            queryTerms[key, default: 0] += 1
        }
        guard !queryTerms.isEmpty, !ids.isEmpty else { return [] }
        var scores: [Int32: Double] = [:]
        var best = 0.0
        // In a fixed order, so that equal texts add up to bit-identical scores.
        for (key, repeats) in queryTerms.sorted(by: { $0.key < $1.key }) {
            // A word no contribution uses counts as one used once, so that the one common word of a
            // text about something else ("More appointments with the practice nurse") matches nothing.
            guard let list = postings[key] else {
                best += idf(1) * Double(repeats)
                continue
            }
            let weight = idf(list.count) * Double(repeats)
            // tf = 1 at the average length scores `weight` exactly: (k1 + 1) / (1 + k1).
            best += weight
            for posting in list {
                let tf = Double(posting.count)
                let norm = Self.k1 * (1 - Self.b + Self.b * lengths[Int(posting.document)] / averageLength)
                scores[posting.document, default: 0] += weight * tf * (Self.k1 + 1) / (tf + norm)
            }
        }
        let floor = Self.threshold * best
        return scores
            .filter { $0.value >= floor && $0.value > 0 }
            .map { (id: ids[Int($0.key)], score: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id > $1.id }
            .prefix(limit)
            .map { $0 }
    }
}
