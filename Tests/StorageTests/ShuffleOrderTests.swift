// ShuffleOrder: a permutation for every size, stable for a seed, different between seeds.

import Storage
import Testing

@Suite struct ShuffleOrderTests {
    @Test(arguments: [0, 1, 2, 3, 4, 5, 15, 16, 17, 100, 1_000, 4_097, 65_537])
    func isAPermutation(count: Int) {
        let order = ShuffleOrder(count: count, seed: 42)
        let indices = (0..<count).map(order.index(at:))
        #expect(Set(indices).count == count)
        #expect(indices.allSatisfy { (0..<count).contains($0) })
    }

    @Test func sameSeedSameOrder() {
        let first = (0..<500).map(ShuffleOrder(count: 500, seed: 7).index(at:))
        let second = (0..<500).map(ShuffleOrder(count: 500, seed: 7).index(at:))
        #expect(first == second)
    }

    @Test func seedsDisagree() {
        let orders = (UInt64(0)..<8).map { seed in (0..<200).map(ShuffleOrder(count: 200, seed: seed).index(at:)) }
        #expect(Set(orders).count == orders.count)
        // Not merely rotated: two seeds put the same index first at most rarely, and the order is not the identity.
        #expect(orders.allSatisfy { $0 != Array(0..<200) })
        let agreeing = zip(orders[0], orders[1]).filter { $0 == $1 }.count
        #expect(agreeing < 20)
    }
}
