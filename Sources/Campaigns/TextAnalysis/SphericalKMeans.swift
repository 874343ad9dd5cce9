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
        var centroids = seeds(vectors, live: live, weights: weights, k: k, dimensions: dimensions, random: &random)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var moved = false
            for i in live {
                let (best, similarity) = nearest(vectors[i], centroids)
                if best != assignments[i] { moved = true }
                assignments[i] = best
                similarities[i] = similarity
            }
            guard moved else { break }
            centroids = means(vectors, assignments: assignments, weights: weights, k: k, dimensions: dimensions)
            refill(&centroids, vectors: vectors, assignments: &assignments, similarities: similarities, live: live)
        }
        return Result(assignments: assignments, similarities: similarities, iterations: iterations)
    }

    /// k-means++: the first centre by weight, each next one with probability ∝ weight × (1 − cos)².
    private static func seeds(
        _ vectors: [SparseVector], live: [Int], weights: [Double], k: Int, dimensions: Int, random: inout SplitMix
    ) -> [[Double]] {
        var centroids: [[Double]] = []
        var distance = live.map { _ in 1.0 }
        for _ in 0..<k {
            let scores = live.indices.map { weights[live[$0]] * distance[$0] * distance[$0] }
            let pick = live[weightedPick(scores, &random)]
            var centre = Array(repeating: 0.0, count: dimensions)
            vectors[pick].add(into: &centre)
            centroids.append(centre)
            for (position, i) in live.enumerated() {
                distance[position] = min(distance[position], max(0, 1 - vectors[i].dot(centre)))
            }
        }
        return centroids
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

    /// The centroid with the highest cosine (the lowest index on a tie).
    static func nearest(_ vector: SparseVector, _ centroids: [[Double]]) -> (Int, Double) {
        var best = 0
        var bestSimilarity = -Double.infinity
        for (c, centroid) in centroids.enumerated() {
            let similarity = vector.dot(centroid)
            if similarity > bestSimilarity {
                best = c
                bestSimilarity = similarity
            }
        }
        return (best, bestSimilarity)
    }

    /// Each cluster's normalised weighted sum; an empty cluster gets a zero centroid.
    private static func means(
        _ vectors: [SparseVector], assignments: [Int], weights: [Double], k: Int, dimensions: Int
    ) -> [[Double]] {
        var sums = Array(repeating: Array(repeating: 0.0, count: dimensions), count: k)
        for (i, cluster) in assignments.enumerated() where cluster >= 0 {
            vectors[i].add(into: &sums[cluster], scale: weights[i])
        }
        return sums.map(normalised)
    }

    /// A cluster left empty takes the vector that fits its own cluster worst (from a cluster of
    /// two or more), so k clusters stay k.
    private static func refill(
        _ centroids: inout [[Double]], vectors: [SparseVector], assignments: inout [Int], similarities: [Double],
        live: [Int]
    ) {
        var sizes = Array(repeating: 0, count: centroids.count)
        for i in live { sizes[assignments[i]] += 1 }
        var taken = Set<Int>()
        for c in centroids.indices where sizes[c] == 0 {
            let candidates = live.filter { !taken.contains($0) && sizes[assignments[$0]] > 1 }
            guard let worst = candidates.min(by: { similarities[$0] < similarities[$1] }) else { return }
            taken.insert(worst)
            sizes[assignments[worst]] -= 1
            sizes[c] = 1
            assignments[worst] = c
            var centre = Array(repeating: 0.0, count: centroids[c].count)
            vectors[worst].add(into: &centre)
            centroids[c] = centre
        }
    }

    static func normalised(_ dense: [Double]) -> [Double] {
        let length = dense.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return length > 0 ? dense.map { $0 / length } : dense
    }
}
