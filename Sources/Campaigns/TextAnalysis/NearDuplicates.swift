// Near-duplicate grouping: contributions that say the same thing in nearly the same words.

/// Finds texts whose sets of word shingles overlap by at least a Jaccard threshold, as Broder's
/// resemblance ("On the resemblance and containment of documents", 1997): MinHash signatures
/// banded for locality-sensitive hashing (Leskovec, Rajaraman & Ullman, *Mining of Massive
/// Datasets*, §3.4) propose pairs, and each proposed pair is confirmed with the exact Jaccard, so
/// no pair below the threshold is ever grouped. Shingles are word pairs (of content words), so one
/// word changed in a text of n words leaves a Jaccard of (n − 3) / (n + 1): 0.75 at fifteen words.
/// With 16 bands of 4 rows a pair at the default threshold of 0.7 is proposed with probability
/// 1 − (1 − 0.7⁴)¹⁶ ≈ 0.988, at 0.8 with 0.9998.
///
/// Groups are transitive (single linkage): a chain of near-duplicates is one group.
public enum NearDuplicates {
    public static let shingleSize = 2
    static let bands = 16
    static let rows = 4

    /// Every text's group, as lists of indices into `texts` (each given as its content-word keys,
    /// `TermNormaliser.keys`). Every index is in exactly one group; groups are listed by their
    /// first member and hold their members ascending. Texts with no words stay alone.
    public static func groups(_ texts: [[String]], threshold: Double = 0.7, seed: UInt64 = 0) -> [[Int]] {
        groups(shingles: texts.map(Self.shingles), threshold: threshold, seed: seed)
    }

    /// The same from each text's `shingles`.
    public static func groups(shingles: [[UInt64]], threshold: Double = 0.7, seed: UInt64 = 0) -> [[Int]] {
        var sets = UnionFind(count: shingles.count)
        let salts = (0..<(bands * rows)).map { SplitMix.mix(seed &+ UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        let signatures = shingles.map { signature($0, salts: salts) }
        for band in 0..<bands {
            var buckets: [UInt64: [Int]] = [:]
            for (text, signature) in signatures.enumerated() where !shingles[text].isEmpty {
                var key = SplitMix.mix(UInt64(band) &+ 1)
                for row in 0..<rows { key = SplitMix.mix(key ^ signature[band * rows + row]) }
                buckets[key, default: []].append(text)
            }
            for members in buckets.values where members.count > 1 {
                for (position, a) in members.enumerated() {
                    for b in members[(position + 1)...] where sets.find(a) != sets.find(b) {
                        if jaccard(shingles[a], shingles[b]) >= threshold { sets.union(a, b) }
                    }
                }
            }
        }
        var byRoot: [Int: [Int]] = [:]
        for text in shingles.indices { byRoot[sets.find(text), default: []].append(text) }
        return byRoot.values.sorted { $0[0] < $1[0] }
    }

    /// The text's shingles: hashes of every run of `shingleSize` consecutive words, sorted and
    /// unique; a text shorter than that is one shingle of all its words; no words, none.
    public static func shingles(_ words: [String]) -> [UInt64] {
        guard !words.isEmpty else { return [] }
        let size = min(shingleSize, words.count)
        var hashes = Set<UInt64>()
        for start in 0...(words.count - size) {
            hashes.insert(fnv1a(words[start..<(start + size)]))
        }
        return hashes.sorted()
    }

    /// |a ∩ b| / |a ∪ b| of two sorted, unique lists (0 when both are empty).
    public static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        var i = 0, j = 0, shared = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        let union = a.count + b.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }

    /// One minimum per salt of the salted shingle hashes.
    private static func signature(_ shingles: [UInt64], salts: [UInt64]) -> [UInt64] {
        salts.map { salt in shingles.reduce(UInt64.max) { min($0, SplitMix.mix($1 ^ salt)) } }
    }

    /// 64-bit FNV-1a over the words' UTF-8, a space after each.
    private static func fnv1a(_ words: ArraySlice<String>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for word in words {
            for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0x20) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// Disjoint sets over 0..<count with path halving and union by size.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        var a = find(a), b = find(b)
        guard a != b else { return }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
    }
}
