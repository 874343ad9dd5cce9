// Markdown-lite for stories: headings, paragraphs, lists, quotes, strong, emphasis and http(s) links —
// parsed into structure the page builds as text, so nothing a writer types can become HTML.

/// One run of text with its one style. A page writes `text` as text (never as markup).
public struct StorySpan: Sendable, Equatable {
    public enum Style: Sendable, Equatable {
        case plain, strong, emphasis
        /// A link to an `http:` or `https:` address (`MarkdownLite.safeLink`); any other is left as text.
        case link(String)
    }

    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// A block of a story.
public enum StoryBlock: Sendable, Equatable {
    /// `#`, `##` or `###` at the start of a line: level 1…3.
    case heading(level: Int, [StorySpan])
    /// Lines together until a blank line; the line breaks inside are kept as `\n`.
    case paragraph([StorySpan])
    /// `- ` or `* ` items, or `1. ` items when `ordered`.
    case list(ordered: Bool, items: [[StorySpan]])
    /// `> ` lines together.
    case quote([StorySpan])
}

/// The parser. Pure and total: every input is some blocks; what is not syntax stays as literal text.
public enum MarkdownLite {
    /// Longest link address kept as a link, in UTF-8 bytes.
    public static let maxLinkBytes = 2000

    public static func parse(_ source: String) -> [StoryBlock] {
        var blocks: [StoryBlock] = []
        var paragraph: [String] = [], quote: [String] = []
        var list: (ordered: Bool, items: [String])?
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(inline(paragraph.joined(separator: "\n")))) }
            if !quote.isEmpty { blocks.append(.quote(inline(quote.joined(separator: "\n")))) }
            if let open = list { blocks.append(.list(ordered: open.ordered, items: open.items.map(inline))) }
            paragraph = []
            quote = []
            list = nil
        }
        let lines = source.replacing("\r\n", with: "\n").replacing("\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for raw in lines {
            let line = raw.trimmingTrailingSpaces()
            let text = line.drop { $0 == " " }
            if text.isEmpty {
                flush()
            } else if let (level, rest) = heading(text) {
                flush()
                blocks.append(.heading(level: level, inline(String(rest))))
            } else if let (ordered, rest) = listItem(text) {
                if list?.ordered != ordered { flush() }
                if !paragraph.isEmpty || !quote.isEmpty { flush() }
                list = (ordered, (list?.items ?? []) + [String(rest)])
            } else if text.hasPrefix(">") {
                if !paragraph.isEmpty || list != nil { flush() }
                quote.append(String(text.dropFirst().drop { $0 == " " }))
            } else if list != nil, raw.hasPrefix("  "), var open = list {
                // An indented line continues the list item above it.
                open.items[open.items.count - 1] += "\n" + text
                list = open
            } else {
                if !quote.isEmpty || list != nil { flush() }
                paragraph.append(String(text))
            }
        }
        flush()
        return blocks
    }

    /// `# ` … `### ` (a hash run of 1…3 followed by a space and some text).
    static func heading(_ line: Substring) -> (Int, Substring)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...3).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.first == " ", !rest.drop(while: { $0 == " " }).isEmpty else { return nil }
        return (hashes, rest.drop { $0 == " " })
    }

    /// `- x`, `* x`, or `12. x`.
    private static func listItem(_ line: Substring) -> (Bool, Substring)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") {
            let rest = line.dropFirst(2).drop { $0 == " " }
            return rest.isEmpty ? nil : (false, rest)
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...3).contains(digits.count) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") else { return nil }
        let item = rest.dropFirst(2).drop { $0 == " " }
        return item.isEmpty ? nil : (true, item)
    }

    /// Strong (`**…**`), emphasis (`*…*` or `_…_`), links (`[label](http…)`) and backslash escapes;
    /// no nesting, and an opener without its closer is literal text.
    public static func inline(_ text: String) -> [StorySpan] {
        let chars = Array(text)
        var spans: [StorySpan] = []
        var plain = ""
        func emit(_ span: StorySpan) {
            if !plain.isEmpty { spans.append(StorySpan(plain)) }
            plain = ""
            spans.append(span)
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "\\*_[]()#>-".contains(chars[i + 1]) {
                plain.append(chars[i + 1])
                i += 2
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*",
                      let end = closing(["*", "*"], in: chars, from: i + 2) {
                emit(StorySpan(String(chars[(i + 2)..<end]), .strong))
                i = end + 2
            } else if c == "*" || c == "_", let end = closing([c], in: chars, from: i + 1),
                      c == "*" || !(i > 0 && chars[i - 1].isLetter) {
                emit(StorySpan(String(chars[(i + 1)..<end]), .emphasis))
                i = end + 1
            } else if c == "[", let (label, url, next) = link(chars, from: i) {
                emit(StorySpan(label, .link(url)))
                i = next
            } else {
                plain.append(c)
                i += 1
            }
        }
        if !plain.isEmpty { spans.append(StorySpan(plain)) }
        return spans
    }

    /// Where `marker` next starts after `start`, when the text between is not empty and does not
    /// begin or end with a space (so `2 * 3 * 4` stays arithmetic).
    private static func closing(_ marker: [Character], in chars: [Character], from start: Int) -> Int? {
        guard start < chars.count, chars[start] != " ", chars[start] != marker[0] else { return nil }
        var j = start + 1
        while j + marker.count <= chars.count {
            if Array(chars[j..<(j + marker.count)]) == marker, chars[j - 1] != " " {
                return j
            }
            if chars[j] == "\n", j + 1 < chars.count, chars[j + 1] == "\n" { return nil }
            j += 1
        }
        return nil
    }

    /// `[label](url)` with a safe url: the label, the url and the index after `)`.
    private static func link(_ chars: [Character], from start: Int) -> (String, String, Int)? {
        guard let close = chars[(start + 1)...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
              let end = chars[(close + 2)...].firstIndex(of: ")") else { return nil }
        let label = String(chars[(start + 1)..<close])
        let url = String(chars[(close + 2)..<end])
        guard !label.trimmingTrailingSpaces().isEmpty, !label.contains("["), let safe = safeLink(url) else { return nil }
        return (label, safe, end + 1)
    }

    /// `text` when it is an absolute `http:` or `https:` address with a host and nothing that could
    /// break out of an attribute or the address (no spaces, controls, quotes or angle brackets); else nil.
    public static func safeLink(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= maxLinkBytes else { return nil }
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = text.dropFirst(8) } else if lower.hasPrefix("http://") { rest = text.dropFirst(7) } else { return nil }
        guard let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first, !host.isEmpty,
              !host.hasPrefix("@") else { return nil }
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || "\"'<>\\`".unicodeScalars.contains(scalar) { return nil }
            if scalar.properties.generalCategory == .format { return nil }  // bidi overrides and zero-width marks
        }
        return text
    }
}

extension StringProtocol {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var text = self[...]
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return Substring(text)
    }
}
