// Spherical k-means: groups unit-length text vectors around k mean directions, deterministically for a seed.

/// Dhillon & Modha's spherical k-means ("Concept decompositions for large sparse text data using
/// clustering", 2001): each vector joins the centroid it has the highest cosine with, and each
/// centroid is the normalised (weighted) sum of its members, until no vector moves. Seeded with
/// k-means++ (Arthur & Vassilvitskii, 2007) using the cosine distance `1 − cos`, from a SplitMix
/// generator, so the same vectors, weights, k and seed always give the same clusters.
public enum SphericalKMeans {
    public struct Result: Sendable, Equatable {
        /// Vector → its cluster in 0..<k, or -1 for an empty (all-zero) vector.
        public var assignments: [Int]
        /// Vector → cosine with its cluster's centroid (0 for an empty vector).
        public var similarities: [Double]
        /// Iterations run before the assignments settled (or the cap was reached).
        public var iterations: Int
    }

    /// Clusters `vectors` (unit length or empty) of `dimensions`, each counting `weights[i]` times
    /// (1 when `weights` is empty). `k` is clamped to the number of non-empty vectors. k-means
    /// settles in a local optimum that depends on its start, so it runs from `restarts` seedings
    /// and keeps the run whose members are closest to their centres (the highest weighted sum of
    /// cosines; the earliest run on a tie).
    public static func cluster(
        _ vectors: [SparseVector], weights: [Double] = [], dimensions: Int, k: Int, seed: UInt64,
        restarts: Int = 4, maxIterations: Int = 40
    ) -> Result {
        let weights = weights.isEmpty ? Array(repeating: 1.0, count: vectors.count) : weights
        func run(_ number: Int) -> (result: Result, objective: Double) {
            let result = once(vectors, weights: weights, dimensions: dimensions, k: k,
                              seed: SplitMix.mix(seed &+ UInt64(number)), maxIterations: maxIterations)
            return (result, zip(result.similarities, weights).reduce(0) { $0 + $1.0 * $1.1 })
        }
        var best = run(0)
        for number in 1..<max(1, restarts) {
            let next = run(number)
            if next.objective > best.objective + 1e-12 { best = next }
        }
        return best.result
    }

    private static func once(
        _ vectors: [SparseVector], weights: [Double], dimensions: Int, k: Int, seed: UInt64, maxIterations: Int
    ) -> Result {
        let live = vectors.indices.filter { !vectors[$0].isEmpty }
        let k = min(max(1, k), live.count)
        var assignments = Array(repeating: -1, count: vectors.count)
        var similarities = Array(repeating: 0.0, count: vectors.count)
        guard k > 0 else { return Result(assignments: assignments, similarities: similarities, iterations: 0) }

        var random = SplitMix(seed: seed)
        var centroids = Centroids(dimensions: dimensions, k: k)
        for (c, pick) in seeds(vectors, live: live, weights: weights, k: k, dimensions: dimensions, random: &random)
            .enumerated() {
            centroids.set(c, to: vectors[pick])
        }
        var scratch = Array(repeating: 0.0, count: k)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var moved = false
            for i in live {
                let (best, similarity) = centroids.nearest(vectors[i], scratch: &scratch)
                if best != assignments[i] { moved = true }
                assignments[i] = best
                similarities[i] = similarity
            }
            guard moved else { break }
            centroids = Centroids(means: vectors, assignments: assignments, weights: weights, dimensions: dimensions, k: k)
            refill(&centroids, vectors: vectors, assignments: &assignments, similarities: similarities, live: live)
        }
        return Result(assignments: assignments, similarities: similarities, iterations: iterations)
    }

    /// k-means++: the first centre by weight, each next one with probability ∝ weight × (1 − cos)².
    /// Returns the indices of the vectors chosen as centres.
    private static func seeds(
        _ vectors: [SparseVector], live: [Int], weights: [Double], k: Int, dimensions: Int, random: inout SplitMix
    ) -> [Int] {
        var picks: [Int] = []
        var distance = live.map { _ in 1.0 }
        var centre = Array(repeating: 0.0, count: dimensions)
        for _ in 0..<k {
            let scores = live.indices.map { weights[live[$0]] * distance[$0] * distance[$0] }
            let pick = live[weightedPick(scores, &random)]
            picks.append(pick)
            vectors[pick].add(into: &centre)
            centre.withUnsafeBufferPointer { dense in
                for (position, i) in live.enumerated() {
                    distance[position] = min(distance[position], max(0, 1 - vectors[i].dot(dense)))
                }
            }
            vectors[pick].add(into: &centre, scale: -1)  // back to zero, touching only its own terms
        }
        return picks
    }

    /// An index chosen with probability ∝ its score (the first when all are 0).
    static func weightedPick(_ scores: [Double], _ random: inout SplitMix) -> Int {
        let total = scores.reduce(0, +)
        guard total > 0 else { return 0 }
        var target = Double(random.next() >> 11) / Double(1 << 53) * total
        for (i, score) in scores.enumerated() {
            target -= score
            if target < 0 { return i }
        }
        return scores.lastIndex { $0 > 0 } ?? 0
    }

    /// A cluster left empty takes the vector that fits its own cluster worst (from a cluster of
    /// two or more), so k clusters stay k.
    private static func refill(
        _ centroids: inout Centroids, vectors: [SparseVector], assignments: inout [Int], similarities: [Double],
        live: [Int]
    ) {
        var sizes = Array(repeating: 0, count: centroids.k)
        for i in live { sizes[assignments[i]] += 1 }
        var taken = Set<Int>()
        for c in 0..<centroids.k where sizes[c] == 0 {
            let candidates = live.filter { !taken.contains($0) && sizes[assignments[$0]] > 1 }
            guard let worst = candidates.min(by: { similarities[$0] < similarities[$1] }) else { return }
            taken.insert(worst)
            sizes[assignments[worst]] -= 1
            sizes[c] = 1
            assignments[worst] = c
            centroids.set(c, to: vectors[worst])
        }
    }

    static func normalised(_ dense: [Double]) -> [Double] {
        let length = dense.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return length > 0 ? dense.map { $0 / length } : dense
    }
}

/// k centroids over `dimensions`, stored term-major (`values[term * k + cluster]`) so that one pass
/// over a sparse vector's terms gives its dot product with every centroid at once.
private struct Centroids {
    let dimensions: Int
    let k: Int
    var values: [Double]

    init(dimensions: Int, k: Int) {
        self.dimensions = dimensions
        self.k = k
        values = Array(repeating: 0, count: dimensions * k)
    }

    /// Each cluster's normalised weighted sum of its members; an empty cluster is all zero.
    init(means vectors: [SparseVector], assignments: [Int], weights: [Double], dimensions: Int, k: Int) {
        self.init(dimensions: dimensions, k: k)
        let k = self.k
        values.withUnsafeMutableBufferPointer { sums in
            for (i, cluster) in assignments.enumerated() where cluster >= 0 {
                let weight = weights[i]
                vectors[i].indices.withUnsafeBufferPointer { terms in
                    vectors[i].values.withUnsafeBufferPointer { values in
                        for n in 0..<terms.count { sums[Int(terms[n]) * k + cluster] += weight * values[n] }
                    }
                }
            }
            var lengths = Array(repeating: 0.0, count: k)
            for t in 0..<dimensions { for c in 0..<k { lengths[c] += sums[t * k + c] * sums[t * k + c] } }
            for c in 0..<k { lengths[c] = lengths[c] > 0 ? 1 / lengths[c].squareRoot() : 0 }
            for t in 0..<dimensions { for c in 0..<k { sums[t * k + c] *= lengths[c] } }
        }
    }

    /// Cluster `c` becomes the direction of `vector`.
    mutating func set(_ c: Int, to vector: SparseVector) {
        for t in 0..<dimensions { values[t * k + c] = 0 }
        let unit = vector.normalised()
        for (term, value) in zip(unit.indices, unit.values) { values[Int(term) * k + c] = value }
    }

    /// The centroid with the highest cosine (the lowest index on a tie). `scratch` holds k values.
    func nearest(_ vector: SparseVector, scratch: inout [Double]) -> (Int, Double) {
        let k = self.k
        return scratch.withUnsafeMutableBufferPointer { sums in
            for c in 0..<k { sums[c] = 0 }
            values.withUnsafeBufferPointer { matrix in
                vector.indices.withUnsafeBufferPointer { terms in
                    vector.values.withUnsafeBufferPointer { weights in
                        for n in 0..<terms.count {
                            let base = Int(terms[n]) * k, weight = weights[n]
                            for c in 0..<k { sums[c] += weight * matrix[base + c] }
                        }
                    }
                }
            }
            var best = 0
            for c in 1..<max(1, k) where sums[c] > sums[best] { best = c }
            return (best, sums[best])
        }
    }
}
