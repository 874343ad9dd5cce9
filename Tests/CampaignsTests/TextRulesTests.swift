// Cleaning and limits for contributed text.

import Testing
@testable import Campaigns

@Test(arguments: [
    ("  hello  ", "hello"),
    ("a\r\nb", "a\nb"),
    ("a\rb", "a\nb"),
    ("a\r\n\r\nb", "a\n\nb"),
    ("a\u{0}b", "ab"),
    ("a\u{7}\tb", "a\tb"),
    ("\u{1B}[31mred", "[31mred"),
    ("x\u{7F}y", "xy"),
    ("\n\n  x \n", "x"),
    ("\u{00A0}nbsp\u{2003}", "nbsp"),
    ("emoji 👩🏽‍💻 stays", "emoji 👩🏽‍💻 stays"),
    ("مرحبا بالعالم", "مرحبا بالعالم"),
    ("", ""),
])
func normalise(input: String, expected: String) {
    #expect(TextRules.normalise(input) == expected)
}

@Test func bodyLimits() {
    #expect(TextRules.validateBody("An idea") == nil)
    #expect(TextRules.validateBody("") == .empty)
    #expect(TextRules.validateBody(" \r\n\t\u{0} ") == .empty)
    #expect(TextRules.validateBody(String(repeating: "a", count: 5000)) == nil)
    #expect(TextRules.validateBody(String(repeating: "a", count: 5001)) == .tooLong)
    // Trimming happens before counting.
    #expect(TextRules.validateBody("  " + String(repeating: "a", count: 5000) + "  ") == nil)
    // 5,000 characters of 4 bytes each: exactly at both limits.
    #expect(TextRules.validateBody(String(repeating: "😀", count: 5000)) == nil)
    // Characters, not scalars: a family emoji is five scalars, 18 bytes and one character, so the
    // byte limit is what stops 1,112 of them (20,016 bytes), while 1,111 (19,998 bytes) pass.
    #expect(TextRules.validateBody(String(repeating: "👨‍👩‍👧", count: 1111)) == nil)
    #expect(TextRules.validateBody(String(repeating: "👨‍👩‍👧", count: 1112)) == .tooLong)
    #expect(TextRules.validateBody("fine\u{FFFE}") == .invalid)
}

@Test func titleLimits() {
    #expect(TextRules.validateTitle(nil) == nil)
    #expect(TextRules.validateTitle("A title") == nil)
    #expect(TextRules.validateTitle("  ") == .empty)
    #expect(TextRules.validateTitle("two\nlines") == .invalid)
    #expect(TextRules.validateTitle("trailing newline\r\n") == nil)
    #expect(TextRules.validateTitle(String(repeating: "t", count: 200)) == nil)
    #expect(TextRules.validateTitle(String(repeating: "t", count: 201)) == .tooLong)
}

@Test func commentLimits() {
    #expect(TextRules.validateComment("Agreed") == nil)
    #expect(TextRules.validateComment("\n") == .empty)
    #expect(TextRules.validateComment(String(repeating: "c", count: 2000)) == nil)
    #expect(TextRules.validateComment(String(repeating: "c", count: 2001)) == .tooLong)
}

@Test func problemMessagesNameTheField() {
    #expect(TextProblem.empty.message(field: "title") == "Title is empty.")
    #expect(TextProblem.tooLong.message(field: "body") == "Body is too long.")
    #expect(TextProblem.invalid.message(field: "comment") == "Comment contains characters that are not allowed.")
    #expect(TextProblem.allCases.map(\.rawValue) == ["empty", "too_long", "invalid"])
}
