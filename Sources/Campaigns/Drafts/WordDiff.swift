// A word-level diff between two texts, for amendments and version comparisons (pure).

/// One run of a word diff: text kept, removed from the old text, or added in the new one.
public struct DiffRun: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case same, removed, added
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

public enum WordDiff {
    /// Longest texts (in tokens, each side) diffed exactly; beyond this a changed text is shown as
    /// one removal and one addition rather than spending O(n·m) memory on the LCS table. Two
    /// 5,000-character sections are about 2,000 tokens each.
    public static let maxTokens = 3_000

    /// The runs that turn `old` into `new`, compared word by word: a token is a run of non-space
    /// characters or a run of whitespace, so spacing and line breaks survive and the runs joined
    /// by kind give back each text (`same`+`removed` is `old`, `same`+`added` is `new`). Adjacent
    /// tokens of one kind are merged into one run; within a change, the removal comes first.
    public static func runs(from old: String, to new: String) -> [DiffRun] {
        let a = tokens(old)
        let b = tokens(new)
        if a == b { return a.isEmpty ? [] : [DiffRun(.same, old)] }
        guard a.count <= maxTokens, b.count <= maxTokens else {
            return [DiffRun(.removed, old), DiffRun(.added, new)].filter { !$0.text.isEmpty }
        }
        // lcs[i][j] = length of the LCS of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [(DiffRun.Kind, Substring)] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                ops.append((.same, a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                ops.append((.removed, a[i]))
                i += 1
            } else {
                ops.append((.added, b[j]))
                j += 1
            }
        }
        return grouped(ops)
    }

    /// Runs from token operations: each change (the tokens between two kept runs) becomes one
    /// removal then one addition, and a kept run of whitespace alone between two changes joins
    /// them — "x y" → "p q" reads as one change, not two around a kept space.
    static func grouped(_ ops: [(DiffRun.Kind, Substring)]) -> [DiffRun] {
        var runs: [DiffRun] = []
        var removed = "", added = "", kept = ""
        var changing = false
        func flushChange() {
            if !removed.isEmpty { runs.append(DiffRun(.removed, removed)) }
            if !added.isEmpty { runs.append(DiffRun(.added, added)) }
            removed = ""
            added = ""
            changing = false
        }
        func flushKept() {
            if !kept.isEmpty { runs.append(DiffRun(.same, kept)) }
            kept = ""
        }
        for (kind, token) in ops {
            switch kind {
            case .same:
                kept += token
            case .removed, .added:
                if changing, !kept.isEmpty, kept.allSatisfy(\.isWhitespace) {
                    removed += kept  // whitespace between two changes joins them
                    added += kept
                    kept = ""
                } else if !kept.isEmpty {
                    flushChange()
                    flushKept()
                }
                changing = true
                if kind == .removed { removed += token } else { added += token }
            }
        }
        flushChange()
        flushKept()
        return runs
    }

    /// Whether the runs change anything.
    public static func changes(_ runs: [DiffRun]) -> Bool {
        runs.contains { $0.kind != .same }
    }

    /// Words and whitespace runs, in order; joined they are `text`.
    static func tokens(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        var inSpace: Bool?
        while index < text.endIndex {
            let space = text[index].isWhitespace
            if let current = inSpace, current != space {
                result.append(text[start..<index])
                start = index
            }
            inSpace = space
            index = text.index(after: index)
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }
}
