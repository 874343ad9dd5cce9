// The guide revisions' line diff: named cases with their expected edit scripts.

import Testing
@testable import Campaigns

private func script(_ old: String, _ new: String) -> String {
    GuideRevisionDiff.render(GuideRevisionDiff.lines(from: old, to: new))
}

@Test func equalTextsAreAllKept() {
    #expect(script("a\nb\nc", "a\nb\nc") == " a\n b\n c")
}

@Test func emptyTextsHaveNoLines() {
    #expect(GuideRevisionDiff.lines(from: "", to: "").isEmpty)
    #expect(script("", "one\ntwo") == "+one\n+two")
    #expect(script("one\ntwo", "") == "-one\n-two")
}

@Test(arguments: [
    ("insert in the middle", "a\nc", "a\nb\nc", " a\n+b\n c"),
    ("delete in the middle", "a\nb\nc", "a\nc", " a\n-b\n c"),
    ("replace a line: removal first", "a\nb\nc", "a\nB\nc", " a\n-b\n+B\n c"),
    ("append", "a", "a\nb", " a\n+b"),
    ("prepend", "b", "a\nb", "+a\n b"),
    ("blank lines count", "a\n\nb", "a\nb", " a\n-\n b"),
    ("trailing newline is an empty last line", "a\n", "a", " a\n-"),
    ("move is a delete and an insert", "x\ny\nz", "y\nz\nx", "-x\n y\n z\n+x"),
])
func namedCases(name: String, old: String, new: String, expected: String) {
    #expect(script(old, new) == expected, "\(name)")
}

/// The script is minimal: it keeps a longest common subsequence (here "a c e", length 3).
@Test func keepsALongestCommonSubsequence() {
    let lines = GuideRevisionDiff.lines(from: "a\nb\nc\nd\ne", to: "a\nc\nx\ne\ny")
    let kept = lines.filter { if case .same = $0 { true } else { false } }.map(\.text)
    #expect(kept == ["a", "c", "e"])
    #expect(lines.count == 5 + 5 - 3)
}

/// Applying the script to the old text gives the new text, and its reverse gives the old one.
@Test(arguments: [("p\nq\nr\ns", "q\nr\nt\np"), ("1\n2\n3", "3\n2\n1"), ("same", "same"), ("", "new")])
func scriptRebuildsBothSides(old: String, new: String) {
    let lines = GuideRevisionDiff.lines(from: old, to: new)
    let rebuiltNew = lines.compactMap { line -> String? in if case .removed = line { nil } else { line.text } }
    let rebuiltOld = lines.compactMap { line -> String? in if case .added = line { nil } else { line.text } }
    #expect(rebuiltNew.joined(separator: "\n") == new)
    #expect(rebuiltOld.joined(separator: "\n") == old)
}

@Test func oversizedTextsFallBackToWholeReplacement() {
    let old = (0...GuideRevisionDiff.maxLines).map(String.init).joined(separator: "\n")
    let lines = GuideRevisionDiff.lines(from: old, to: "x")
    #expect(lines.count == GuideRevisionDiff.maxLines + 2)
    #expect(lines.last == .added("x"))
}
