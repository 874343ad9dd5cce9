// Spherical k-means on vectors whose clusters are known.

import Testing
@testable import Campaigns

private func unit(_ entries: [(Int32, Double)]) -> SparseVector { SparseVector(entries).normalised() }

@Test func separatesTwoDirections() {
    let vectors = [unit([(0, 1), (2, 0.1)]), unit([(1, 1)]), unit([(0, 0.9), (1, 0.1)]), unit([(1, 1), (2, 0.2)]),
                   SparseVector(), unit([(0, 1)])]
    let result = SphericalKMeans.cluster(vectors, dimensions: 3, k: 2, seed: 7)
    let a = result.assignments
    #expect(a[4] == -1 && result.similarities[4] == 0)
    #expect(a[0] == a[2] && a[2] == a[5])
    #expect(a[1] == a[3])
    #expect(a[0] != a[1])
    #expect(result.similarities[5] > 0.9)
    // The same seed gives the same result.
    #expect(SphericalKMeans.cluster(vectors, dimensions: 3, k: 2, seed: 7) == result)
}

@Test func kIsClampedAndWeightsPullTheCentre() {
    let vectors = [unit([(0, 1)]), unit([(1, 1)])]
    let one = SphericalKMeans.cluster(vectors, dimensions: 2, k: 5, seed: 1)
    #expect(Set(one.assignments) == [0, 1])
    let merged = SphericalKMeans.cluster(vectors + [unit([(0, 1), (1, 0.2)])], weights: [10, 1, 1], dimensions: 2, k: 1, seed: 1)
    // One cluster: its centre leans to the heavy vector.
    #expect(merged.similarities[0] > merged.similarities[1])
    #expect(SphericalKMeans.cluster([SparseVector()], dimensions: 1, k: 3, seed: 1).assignments == [-1])
}

@Test func weightedPickFollowsTheScores() {
    var random = SplitMix(seed: 3)
    var counts = [0, 0, 0]
    for _ in 0..<3000 { counts[SphericalKMeans.weightedPick([0, 1, 3], &random)] += 1 }
    #expect(counts[0] == 0)
    #expect(counts[2] > 2 * counts[1])
    #expect(SphericalKMeans.weightedPick([0, 0], &random) == 0)
}
