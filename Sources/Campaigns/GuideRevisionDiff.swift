// A line-by-line diff between two revisions of a guide's text, for editors and facilitators (pure).

/// One line of a diff: kept, removed from the old text, or added in the new one.
public enum DiffLine: Sendable, Equatable {
    case same(String)
    case removed(String)
    case added(String)

    public var text: String {
        switch self {
        case .same(let line), .removed(let line), .added(let line): line
        }
    }

    /// `" "`, `"-"` or `"+"`, as in a unified diff.
    public var marker: String {
        switch self {
        case .same: " "
        case .removed: "-"
        case .added: "+"
        }
    }
}

public enum GuideRevisionDiff {
    /// Longest texts (in lines, each side) diffed exactly; beyond this, the texts are shown as a
    /// whole removal and addition rather than spending O(n·m) memory on an LCS table.
    public static let maxLines = 2_000

    /// The lines of `old` and `new` (split on "\n") as a shortest edit script built from a longest
    /// common subsequence. Within a changed run, removals come before additions. Equal texts give
    /// only `.same` lines; an empty text has no lines.
    public static func lines(from old: String, to new: String) -> [DiffLine] {
        let a = split(old)
        let b = split(new)
        guard a.count <= maxLines, b.count <= maxLines else {
            return a.map(DiffLine.removed) + b.map(DiffLine.added)
        }
        // lcs[i][j] = length of the LCS of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var result: [DiffLine] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result.append(.same(a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                result.append(.removed(a[i]))
                i += 1
            } else {
                result.append(.added(b[j]))
                j += 1
            }
        }
        return result
    }

    /// A unified-style rendering: each line prefixed by its marker.
    public static func render(_ lines: [DiffLine]) -> String {
        lines.map { $0.marker + $0.text }.joined(separator: "\n")
    }

    private static func split(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
