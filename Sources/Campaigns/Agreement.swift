// Inter-coder agreement statistics for nominal labels: percent agreement, Cohen's kappa, Krippendorff's alpha.

/// Pure agreement statistics. Data are an items × coders matrix: `data[item][coder]`, nil when that
/// coder did not code that item. Every row should have the same number of coders; short rows count
/// the missing coders as nil.
public enum Agreement {
    /// Mean over pairable items (those with at least two labels) of the share of coder pairs within
    /// the item that agree. For two coders this is the share of items both coded on which they agree.
    /// nil when no item is pairable.
    public static func percentAgreement(_ data: [[String?]]) -> Double? {
        var total = 0.0
        var items = 0
        for row in data {
            let labels = row.compactMap { $0 }
            guard labels.count >= 2 else { continue }
            var agreeing = 0
            var pairs = 0
            for i in labels.indices {
                for j in labels.indices where j > i {
                    pairs += 1
                    if labels[i] == labels[j] { agreeing += 1 }
                }
            }
            total += Double(agreeing) / Double(pairs)
            items += 1
        }
        return items == 0 ? nil : total / Double(items)
    }

    /// Cohen's kappa (1960) for two coders who labelled the same items in the same order:
    /// `(po - pe) / (1 - pe)`. nil when the arrays are empty or of different lengths.
    ///
    /// When `pe == 1` the formula is 0/0: both coders gave every item the same single label, so they
    /// agree perfectly on data with no variation; this returns 1 in that case by convention (note that
    /// `krippendorffAlpha` returns nil for the same data, as Krippendorff defines it).
    public static func cohensKappa(_ a: [String], _ b: [String]) -> Double? {
        guard !a.isEmpty, a.count == b.count else { return nil }
        let n = Double(a.count)
        var countsA: [String: Int] = [:]
        var countsB: [String: Int] = [:]
        var agreeing = 0
        for (x, y) in zip(a, b) {
            countsA[x, default: 0] += 1
            countsB[y, default: 0] += 1
            if x == y { agreeing += 1 }
        }
        let po = Double(agreeing) / n
        var pe = 0.0
        for (label, countA) in countsA {
            pe += Double(countA) / n * Double(countsB[label, default: 0]) / n
        }
        guard pe < 1 else { return 1 }
        return (po - pe) / (1 - pe)
    }

    /// Light's kappa (1971): the mean of Cohen's kappa over every pair of coders, each pair judged on
    /// the items both coded. Pairs sharing no item are left out; nil when no pair remains.
    public static func meanPairwiseKappa(_ data: [[String?]]) -> Double? {
        let coders = data.map(\.count).max() ?? 0
        var sum = 0.0
        var pairs = 0
        for i in 0..<coders {
            for j in 0..<coders where j > i {
                var a: [String] = []
                var b: [String] = []
                for row in data {
                    guard i < row.count, j < row.count, let x = row[i], let y = row[j] else { continue }
                    a.append(x)
                    b.append(y)
                }
                guard let kappa = cohensKappa(a, b) else { continue }
                sum += kappa
                pairs += 1
            }
        }
        return pairs == 0 ? nil : sum / Double(pairs)
    }

    /// Krippendorff's alpha for nominal data, any number of coders, missing values allowed, computed
    /// through the coincidence matrix as in Krippendorff (2011), "Computing Krippendorff's
    /// Alpha-Reliability": `alpha = 1 - (n - 1) * sum(o_ck, c != k) / sum(n_c * n_k, c != k)`, where
    /// only items with at least two labels count. nil when fewer than two labels are pairable, or when
    /// all pairable labels are one category (alpha is then undefined, 0/0).
    public static func krippendorffAlpha(_ data: [[String?]]) -> Double? {
        var index: [String: Int] = [:]
        var units: [[Int]] = []
        for row in data {
            let labels = row.compactMap { $0 }
            guard labels.count >= 2 else { continue }
            units.append(labels.map { label in
                if let i = index[label] { return i }
                index[label] = index.count
                return index.count - 1
            })
        }
        let categories = index.count
        guard categories >= 2 else { return nil }
        // Off-diagonal coincidences summed, and n_c per category.
        var disagreeing = 0.0
        var perCategory = [Double](repeating: 0, count: categories)
        for unit in units {
            let weight = 1 / Double(unit.count - 1)
            var counts = [Int](repeating: 0, count: categories)
            for c in unit { counts[c] += 1 }
            for c in 0..<categories where counts[c] > 0 {
                // Ordered pairs (c, k≠c) in this unit: counts[c] * (m_u - counts[c]).
                disagreeing += Double(counts[c] * (unit.count - counts[c])) * weight
                perCategory[c] += Double(counts[c])  // n_c = sum over k of o_ck = values of c
            }
        }
        let n = perCategory.reduce(0, +)
        let expectedPairs = n * n - perCategory.reduce(0) { $0 + $1 * $1 }  // sum over c != k of n_c n_k
        guard expectedPairs > 0 else { return nil }
        return 1 - (n - 1) * disagreeing / expectedPairs
    }
}
