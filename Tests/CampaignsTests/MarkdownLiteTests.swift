// Markdown-lite against a table of named cases, hostile ones included: structure comes out, markup never does.
import Testing
@testable import Campaigns

private func p(_ spans: StorySpan...) -> StoryBlock { .paragraph(spans) }
private func t(_ text: String) -> StorySpan { StorySpan(text) }

/// (name, source, blocks).
@Test(arguments: [
    ("empty", "", [StoryBlock]()),
    ("blank lines only", "\n\n  \n", []),
    ("one paragraph", "Hello world", [p(t("Hello world"))]),
    ("line breaks stay inside a paragraph", "one\ntwo", [p(t("one\ntwo"))]),
    ("CRLF is a line break", "one\r\ntwo\r\n\r\nthree", [p(t("one\ntwo")), p(t("three"))]),
    ("headings of three levels", "# A\n## B\n### C", [.heading(level: 1, [t("A")]), .heading(level: 2, [t("B")]), .heading(level: 3, [t("C")])]),
    ("four hashes are text", "#### D", [p(t("#### D"))]),
    ("a hash without a space is text", "#hashtag", [p(t("#hashtag"))]),
    ("strong and emphasis", "a **b** *c* _d_", [p(t("a "), StorySpan("b", .strong), t(" "), StorySpan("c", .emphasis), t(" "), StorySpan("d", .emphasis))]),
    ("arithmetic is not emphasis", "2 * 3 * 4", [p(t("2 * 3 * 4"))]),
    ("snake_case stays text", "use snake_case_names", [p(t("use snake_case_names"))]),
    ("an unclosed opener is text", "**not closed", [p(t("**not closed"))]),
    ("escapes", #"\*literal\* and \[x\]"#, [p(t("*literal* and [x]"))]),
    ("a safe link", "see [the plan](https://example.org/plan?a=1)", [p(t("see "), StorySpan("the plan", .link("https://example.org/plan?a=1")))]),
    ("a bulleted list", "- one\n- two\n* three", [.list(ordered: false, items: [[t("one")], [t("two")], [t("three")]])]),
    ("a numbered list", "1. one\n2. two", [.list(ordered: true, items: [[t("one")], [t("two")]])]),
    ("lists of two kinds are two lists", "- a\n1. b", [.list(ordered: false, items: [[t("a")]]), .list(ordered: true, items: [[t("b")]])]),
    ("a quote", "> We were heard.\n> At last.", [.quote([t("We were heard.\nAt last.")])]),
    ("a paragraph then a list", "Intro\n- a", [p(t("Intro")), .list(ordered: false, items: [[t("a")]])]),
    // Hostile input: all of it text, or a link only where the address is http(s).
    ("a script tag is text", "<script>alert(1)</script>", [p(t("<script>alert(1)</script>"))]),
    ("an image tag is text", "<img src=x onerror=alert(1)>", [p(t("<img src=x onerror=alert(1)>"))]),
    ("a javascript link is text", "[click](javascript:alert(1))", [p(t("[click](javascript:alert(1))"))]),
    ("a JaVaScRiPt link is text", "[x](JaVaScRiPt:alert(1))", [p(t("[x](JaVaScRiPt:alert(1))"))]),
    ("a data link is text", "[x](data:text/html,<b>)", [p(t("[x](data:text/html,<b>)"))]),
    ("a relative link is text", "[x](/admin)", [p(t("[x](/admin)"))]),
    ("a protocol-relative link is text", "[x](//evil.example)", [p(t("[x](//evil.example)"))]),
    ("a quote breaking out of the address is text", #"[x](https://a.example/"onmouseover="y)"#, [p(t(#"[x](https://a.example/"onmouseover="y)"#))]),
    ("an address with a space is text", "[x](https://a.example/ b)", [p(t("[x](https://a.example/ b)"))]),
    ("user info before the host is refused", "[x](https://@evil.example)", [p(t("[x](https://@evil.example)"))]),
    ("a bidi override in an address is text", "[x](https://a.example/\u{202E}gpj)", [p(t("[x](https://a.example/\u{202E}gpj)"))]),
    ("markup inside strong stays text", "**<b>x</b>**", [p(StorySpan("<b>x</b>", .strong))]),
    ("an HTML entity stays as typed", "&lt;b&gt;", [p(t("&lt;b&gt;"))]),
    ("a NUL stays a character of the text", "a\u{0}b", [p(t("a\u{0}b"))]),
] as [(String, String, [StoryBlock])])
func markdownLite(name: String, source: String, expected: [StoryBlock]) {
    #expect(MarkdownLite.parse(source) == expected, "\(name)")
}

@Test func everyInputParsesAndNoSpanEverHoldsTheSyntaxOfALink() {
    // A deterministic stream of fragments, glued together: the parser is total and no link is unsafe.
    let fragments = ["*", "**", "_", "[", "]", "(", ")", "https://x.example", "javascript:", "#", "# ", "- ", "1. ", "> ",
                     "\n", "\n\n", "\\", "<", ">", "\"", " ", "a", "\u{202E}"]
    var state: UInt64 = 42
    for _ in 0..<2000 {
        var text = ""
        for _ in 0..<12 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += fragments[Int((state >> 33) % UInt64(fragments.count))]
        }
        for block in MarkdownLite.parse(text) {
            let spans: [StorySpan] = switch block {
            case .heading(_, let s), .paragraph(let s), .quote(let s): s
            case .list(_, let items): items.flatMap { $0 }
            }
            for span in spans {
                if case .link(let url) = span.style { #expect(MarkdownLite.safeLink(url) == url && url.lowercased().hasPrefix("http")) }
            }
        }
    }
}

@Test(arguments: [
    ("https://www.youtube.com/watch?v=abc", true), ("http://intranet.trust.nhs.uk/doc.pdf", true),
    ("HTTPS://EXAMPLE.ORG", true), ("javascript:alert(1)", false), ("ftp://x.example", false), ("https://", false),
    ("https:///path", false), ("//x.example", false), ("https://x.example/<script>", false), ("", false),
])
func safeLinks(url: String, safe: Bool) {
    #expect((MarkdownLite.safeLink(url) != nil) == safe)
}
