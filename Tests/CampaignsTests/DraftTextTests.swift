// Sectioning a draft at its headings, word diffs and versions, against tables of named cases.
import Testing
@testable import Campaigns

struct SectioningCase: CustomTestStringConvertible, Sendable {
    let name: String
    let source: String
    /// "number|heading|body" per section, or the problem.
    let expected: Result<[String], DraftTextProblem>
    var testDescription: String { name }
}

@Test(arguments: [
    SectioningCase(name: "vision and principles", source: """
        # Our vision
        Care closer to home.

        # Principles
        ## Principle 1
        People first.
        ## Principle 2
        - one
        - two
        # Next steps
        """, expected: .success([
            "1|Our vision|Care closer to home.", "2|Principles|", "2.1|Principle 1|People first.",
            "2.2|Principle 2|- one\n- two", "3|Next steps|",
        ])),
    SectioningCase(name: "a deeper heading first counts its missing parent as 0",
                   source: "## Orphan\ntext\n# One", expected: .success(["0.1|Orphan|text", "1|One|"])),
    SectioningCase(name: "numbering restarts below a new parent",
                   source: "# A\n## a\n### i\n# B\n## b", expected: .success(["1|A|", "1.1|a|", "1.1.1|i|", "2|B|", "2.1|b|"])),
    SectioningCase(name: "CRLF and trailing spaces", source: "# One  \r\nline one\r\n\r\nline two\r\n",
                   expected: .success(["1|One|line one\n\nline two"])),
    SectioningCase(name: "four hashes are text, not a heading", source: "# One\n#### not a heading",
                   expected: .success(["1|One|#### not a heading"])),
    SectioningCase(name: "a hash without a space is text", source: "# One\n#hashtag", expected: .success(["1|One|#hashtag"])),
    SectioningCase(name: "no heading", source: "Just a paragraph.", expected: .failure(.noSections)),
    SectioningCase(name: "empty", source: "  \n ", expected: .failure(.noSections)),
    SectioningCase(name: "text before the first heading", source: "Preamble\n# One", expected: .failure(.noSections)),
    SectioningCase(name: "too many sections", source: (1...61).map { "# S\($0)" }.joined(separator: "\n"),
                   expected: .failure(.tooManySections)),
    SectioningCase(name: "a long heading", source: "# " + String(repeating: "h", count: 201), expected: .failure(.headingTooLong)),
    SectioningCase(name: "a long section", source: "# One\n" + String(repeating: "x", count: 5001), expected: .failure(.sectionTooLong)),
    SectioningCase(name: "hostile text stays text", source: "# <script>alert(1)</script>\n<img src=x onerror=alert(2)>",
                   expected: .success(["1|<script>alert(1)</script>|<img src=x onerror=alert(2)>"])),
])
func sectioning(_ c: SectioningCase) {
    let got = DraftSectioning.sections(from: c.source).map { $0.map { "\($0.number)|\($0.heading)|\($0.body)" } }
    #expect(got == c.expected)
}

@Test func aSectionWritesBackAsMarkdownThatSectionsTheSame() throws {
    let source = "# One\nfirst\n\n## Two\nsecond\n# Three"
    let sections = try DraftSectioning.sections(from: source).get()
    let again = try DraftSectioning.sections(from: sections.map(\.markdown).joined(separator: "\n\n")).get()
    #expect(again == sections)
}

struct DiffCase: CustomTestStringConvertible, Sendable {
    let name: String
    let old: String
    let new: String
    /// Runs as " kept", "-removed", "+added".
    let expected: [String]
    var testDescription: String { name }
}

@Test(arguments: [
    DiffCase(name: "equal", old: "a b", new: "a b", expected: [" a b"]),
    DiffCase(name: "both empty", old: "", new: "", expected: []),
    DiffCase(name: "one word replaced", old: "care close to home", new: "care closer to home",
             expected: [" care ", "-close", "+closer", "  to home"]),
    DiffCase(name: "words added at the end", old: "People first.", new: "People first, always.",
             expected: [" People ", "-first.", "+first, always."]),
    DiffCase(name: "a word inserted", old: "we will listen", new: "we will always listen",
             expected: [" we will ", "+always ", " listen"]),
    DiffCase(name: "a word removed", old: "we will always listen", new: "we will listen",
             expected: [" we will ", "-always ", " listen"]),
    DiffCase(name: "from nothing", old: "", new: "new text", expected: ["+new text"]),
    DiffCase(name: "to nothing", old: "old text", new: "", expected: ["-old text"]),
    DiffCase(name: "line breaks are kept", old: "a\nb", new: "a\n\nb", expected: [" a", "-\n", "+\n\n", " b"]),
    DiffCase(name: "all different", old: "x y", new: "p q", expected: ["-x y", "+p q"]),
])
func wordDiffs(_ c: DiffCase) {
    let runs = WordDiff.runs(from: c.old, to: c.new)
    let marks: [DiffRun.Kind: String] = [.same: " ", .removed: "-", .added: "+"]
    #expect(runs.map { marks[$0.kind, default: "?"] + $0.text } == c.expected)
    // Each side's text is its runs joined.
    #expect(runs.filter { $0.kind != .added }.map(\.text).joined() == c.old)
    #expect(runs.filter { $0.kind != .removed }.map(\.text).joined() == c.new)
    #expect(WordDiff.changes(runs) == (c.old != c.new))
}

@Test func aLongTextIsOneRemovalAndOneAddition() {
    let old = Array(repeating: "w", count: WordDiff.maxTokens).joined(separator: " ")
    let runs = WordDiff.runs(from: old, to: old + " more")
    #expect(runs.map(\.kind) == [.removed, .added])
}

@Test func anAmendmentMakesTheNextVersionAndVersionsCompare() throws {
    let sections = try DraftSectioning.sections(from: "# Vision\nCare close to home.\n# Principles\nPeople first.").get()
    let v1 = DraftVersion(number: 1, sections: sections.enumerated().map {
        VersionedSection(sectionID: Int64(10 + $0.offset), text: $0.element)
    })
    let v2 = try #require(DraftVersioning.amend(v1, section: 10, body: "Care closer to home."))
    #expect(v2.number == 2)
    #expect(v2.section(10)?.text.body == "Care closer to home.")
    #expect(v2.section(11) == v1.section(11))
    #expect(DraftVersioning.amend(v1, section: 99, body: "x") == nil)

    let v3 = try #require(DraftVersioning.amend(v2, section: 11, body: "People first, always."))
    let comparison = DraftVersioning.compare(v1, v3)
    #expect(comparison.map(\.number) == ["1", "2"])
    #expect(comparison.map(\.changed) == [true, true])
    #expect(DraftVersioning.compare(v2, v3).map(\.changed) == [false, true])
    #expect(DraftVersioning.compare(v3, v3).allSatisfy { !$0.changed })
    // Backwards reads the other way.
    #expect(DraftVersioning.compare(v2, v1).first?.runs.first { $0.kind == .removed }?.text == "closer")
}
