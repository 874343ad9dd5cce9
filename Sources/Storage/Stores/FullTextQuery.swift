// Turns a user's words into an FTS5 query in which every word is a quoted string, never syntax.

/// FTS5 query text built from free text. Each word becomes a double-quoted string (quotes doubled),
/// so `AND`, `NEAR`, `*`, `:` and parentheses typed by a user are searched for, not obeyed
/// (<https://www.sqlite.org/fts5.html#full_text_query_syntax>).
public enum FullTextQuery {
    /// Words beyond this are ignored, bounding the work one request can ask for.
    public static let maxWords = 16

    /// All words must occur (FTS5's implicit AND). Nil when there are no words.
    public static func allWords(_ text: String) -> String? {
        let words = self.words(text, minimumLength: 1)
        return words.isEmpty ? nil : words.map(quoted).joined(separator: " ")
    }

    /// Any word may occur, for ranking by bm25. Words under three characters are skipped.
    public static func anyWord(_ text: String) -> String? {
        let words = self.words(text, minimumLength: 3)
        return words.isEmpty ? nil : words.map(quoted).joined(separator: " OR ")
    }

    static func words(_ text: String, minimumLength: Int) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            if current.count >= minimumLength, !words.contains(current) { words.append(current) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber { current.append(character) } else { flush() }
            if words.count >= maxWords { break }
        }
        flush()
        return Array(words.prefix(maxWords))
    }

    /// Words hold only letters and digits, so the doubling of `"` is belt and braces.
    static func quoted(_ word: String) -> String {
        var out = "\""
        for character in word {
            out.append(character)
            if character == "\"" { out.append(character) }
        }
        return out + "\""
    }
}
