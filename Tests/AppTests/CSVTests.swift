// CSV encoding against golden files, a table of fields and numbers, and a round trip through Python.

import Foundation
import Testing
@testable import App

private func golden(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures/csv"))
    return [UInt8](try Data(contentsOf: url))
}

/// An export with everything awkward at once: quotes, commas, CRLF and LF inside a field, emoji,
/// right-to-left text, formula-like text, negative and huge numbers, empty cells.
private let ideasRows: [[CSVCell]] = [
    ["id", "title", "body", "up", "down", "wilson", "theme"].map(CSVCell.text),
    [.integer(1), .text("Plain idea"), .text("Simple body"), .integer(12), .integer(3), .real(0.5693094295142663), .text("Transport")],
    [.integer(2), .text("Commas, \"quotes\""), .text("Line one\r\nLine two\nLine three"), .integer(0), .integer(0), .real(0), .empty],
    [.integer(3), .text("Emoji 🚲👩🏽‍💻"), .text("مرحبا بالعالم — שלום"), .integer(5), .integer(5), .real(0.236593090512564), .text("Cycling")],
    [.integer(4), .text("=HYPERLINK(\"http://evil.example\",\"click\")"), .text("-1+2"), .integer(-7), .integer(1), .real(-1.5), .text("@team")],
    [.integer(5), .text("+44 20 7946 0000"), .text("\tindented"), .integer(Int64.max), .integer(0), .real(1e20), .text("")],
]

private let formulaRows: [[CSVCell]] = [
    [.text("cell"), .text("number")],
    [.text("=1+1"), .integer(-1)],
    [.text("+1"), .real(-0.5)],
    [.text("-1"), .integer(0)],
    [.text("@cmd"), .integer(3)],
    [.text("\t=1"), .integer(4)],
    [.text("\r=1"), .integer(5)],
    [.text("safe=1"), .integer(6)],
    [.text("=cmd|' /C calc'!A0"), .integer(7)],
    [.text(""), .empty],
]

@Test func ideasExportMatchesGoldenFile() throws {
    #expect(CSVEncoder.document(ideasRows) == (try golden("ideas")))
}

@Test func formulaGuardMatchesGoldenFile() throws {
    #expect(CSVEncoder.document(formulaRows) == (try golden("formulas")))
}

@Test func documentStartsWithTheByteOrderMarkAndRowsEndWithCRLF() {
    #expect(Array(CSVEncoder.document([]).prefix(3)) == [0xEF, 0xBB, 0xBF])
    var out: [UInt8] = []
    CSVEncoder.encodeRow([.text("a"), .empty, .integer(2)], into: &out)
    #expect(out == Array("a,,2\r\n".utf8))
}

@Test(arguments: [
    ("plain", "plain"),
    ("", ""),
    ("a,b", "\"a,b\""),
    ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("line1\nline2", "\"line1\nline2\""),
    ("line1\r\nline2", "\"line1\r\nline2\""),
    ("=1+2", "'=1+2"),
    ("+44", "'+44"),
    ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "\"'\rx\""),
    ("=A1,B1", "\"'=A1,B1\""),
    ("a=b", "a=b"),
    ("'already quoted", "'already quoted"),
    ("שלום, world", "\"שלום, world\""),
    // Where a spreadsheet whose list separator is not ours (Excel in a `;` locale, LibreOffice's
    // import dialog) starts a cell: LibreOffice 7.4 evaluated each of these as written before.
    ("x;=HYPERLINK(\"http://evil.example\")", "\"x;'=HYPERLINK(\"\"http://evil.example\"\")\""),
    ("x;=2+2", "x;'=2+2"),
    ("z\t=4+4", "z\t'=4+4"),
    (" =5+5", " '=5+5"),
    ("n; -8+8", "n; '-8+8"),
    ("a;\"=7", "\"a;\"\"'=7\""),
    ("line\n@SUM(1)", "\"line\n'@SUM(1)\""),
    ("a|+1", "a|'+1"),
    ("＝9+9", "'＝9+9"),
    ("well - maybe", "well - maybe"),
    ("2026-11-20", "2026-11-20"),
])
func field(input: String, expected: String) {
    #expect(CSVEncoder.field(input) == expected)
}

/// However a spreadsheet splits our file — on any separator it may use, trimming spaces and opening
/// quotes — no piece of a text cell starts a formula. (Not on spaces: guarding every " -" of prose
/// would mangle it, and no spreadsheet splits a .csv on spaces unless asked to.)
@Test(arguments: [",", ";", "\t", "|", "\r", "\n"])
func noPieceStartsAFormulaWhateverTheSeparator(separator: Character) {
    let hostile = ["=1+1", "x;=2+2", "y;=3+3\",z", "z\t=4+4", " =5+5", "m\n=6+6", "a;\"=7+7", "n; =8+8", "＝9+9",
                   "p,+10", "q\r\n@SUM(1,1)", "- item\n- =11", "a|-1", "\"=quoted\"", ";;;=x", "\t\t=1", "=cmd|' /C calc'!A0"]
    for text in hostile {
        for piece in CSVEncoder.field(text).split(separator: separator, omittingEmptySubsequences: false) {
            let start = piece.drop { $0 == " " || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\t" }
            #expect(!(start.first.map { "=+-@＝＋－＠".contains($0) } ?? false), "\(text) split on \(separator.debugDescription)")
        }
    }
}

@Test(arguments: [
    (0, "0"),
    (-0.0, "0"),
    (0.5, "0.5"),
    (1, "1"),
    (-2.25, "-2.25"),
    (0.1234567, "0.123457"),
    (0.743421052631579, "0.743421"),
    (0.000001, "0.000001"),
    (1e-7, "0"),
    (-1e-7, "0"),
    (123456.7890123, "123456.789012"),
    (8_999_999_999_999.5, "8999999999999.5"),
    (9_123_456_789_012.5, "9123456789012.5"),
    (-0.3, "-0.3"),
    (0.9999999, "1"),
    (-0.9999999, "-1"),
    (1e20, "100000000000000000000"),
    (9.3e18, "9300000000000000000"),
    (-2.5e19, "-25000000000000000000"),
    (Double.greatestFiniteMagnitude, "17976931348623157" + String(repeating: "0", count: 292)),
    (-1.5e17, "-150000000000000000"),
    (1.2345678901234567e16, "12345678901234568"),
    (Double.nan, ""),
    (Double.infinity, ""),
    (-Double.infinity, ""),
] as [(Double, String)])
func real(value: Double, expected: String) {
    var out: [UInt8] = []
    CSVEncoder.encodeRow([.real(value)], into: &out)
    #expect(String(decoding: out, as: UTF8.self) == expected + "\r\n")
}

@Test func integersAreWrittenWhole() {
    var out: [UInt8] = []
    CSVEncoder.encodeRow([.integer(Int64.min), .integer(Int64.max), .integer(-1)], into: &out)
    #expect(String(decoding: out, as: UTF8.self) == "-9223372036854775808,9223372036854775807,-1\r\n")
}

/// Python's csv module reads back every field as written: text (with its guards), numbers as digits.
@Test func roundTripThroughPythonsCSVModule() throws {
    var rows = ideasRows + formulaRows
    rows.append([.text("\"\"\""), .text(",,,"), .text("\n"), .text("\r"), .text("مرحبا\r\nשלום")])
    let parsed = try PythonCSV.rows(CSVEncoder.document(rows))

    let expected = rows.map { row in
        row.map { cell -> String in
            var out: [UInt8] = []
            CSVEncoder.encodeRow([cell], into: &out)
            switch cell {
            case .text(let s): return CSVEncoder.defused(s)
            case .integer, .real, .time, .empty: return String(decoding: out.dropLast(2), as: UTF8.self)
            }
        }
    }
    #expect(parsed == expected)
}

