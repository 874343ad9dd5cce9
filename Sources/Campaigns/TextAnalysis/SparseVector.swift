// A sparse vector of term weights: the shape every text takes in the analysis aids.

/// Non-zero entries only, `indices` strictly ascending, `values` beside them.
public struct SparseVector: Sendable, Equatable {
    public private(set) var indices: [Int32]
    public private(set) var values: [Double]

    public init() {
        indices = []
        values = []
    }

    /// From (index, value) pairs in any order; repeated indices are summed, zeros dropped.
    public init(_ entries: [(Int32, Double)]) {
        var sums: [Int32: Double] = [:]
        for (index, value) in entries { sums[index, default: 0] += value }
        let sorted = sums.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        indices = sorted.map(\.key)
        values = sorted.map(\.value)
    }

    public var isEmpty: Bool { indices.isEmpty }

    public var norm: Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// Scaled to length 1 (unchanged when all zero).
    public func normalised() -> SparseVector {
        let length = norm
        guard length > 0 else { return self }
        var copy = self
        copy.values = values.map { $0 / length }
        return copy
    }

    /// The dot product with another sparse vector (a merge of the two index lists).
    public func dot(_ other: SparseVector) -> Double {
        var i = 0, j = 0, sum = 0.0
        while i < indices.count, j < other.indices.count {
            if indices[i] == other.indices[j] {
                sum += values[i] * other.values[j]
                i += 1
                j += 1
            } else if indices[i] < other.indices[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// The dot product with a dense vector that has every index of this one.
    public func dot(_ dense: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        indices.withUnsafeBufferPointer { indices in
            values.withUnsafeBufferPointer { values in
                for k in 0..<indices.count { sum += values[k] * dense[Int(indices[k])] }
            }
        }
        return sum
    }

    public func dot(_ dense: [Double]) -> Double {
        dense.withUnsafeBufferPointer { dot($0) }
    }

    /// Adds `scale` × this vector into `dense`.
    public func add(into dense: inout [Double], scale: Double = 1) {
        dense.withUnsafeMutableBufferPointer { dense in
            for k in 0..<indices.count { dense[Int(indices[k])] += scale * values[k] }
        }
    }
}
