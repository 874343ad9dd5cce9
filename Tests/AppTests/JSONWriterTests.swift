// JSONWriter's string escaping, checked byte for byte and by parsing the output back.

import Foundation
import Testing
@testable import App

private func quoted(_ value: String) -> String {
    var writer = JSONWriter()
    writer.string(value)
    return String(decoding: writer.bytes, as: UTF8.self)
}

@Suite struct JSONWriterEscapingTests {
    @Test(arguments: [
        ("plain", "\"plain\""),
        ("", "\"\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("a\nb\rc\td", "\"a\\nb\\rc\\td\""),
        ("\u{0}\u{1}\u{1F}", "\"\\u0000\\u0001\\u001f\""),
        ("</script>", "\"\\u003c/script>\""),
        ("line\u{2028}para\u{2029}end", "\"line\\u2028para\\u2029end\""),
        ("café — naïve", "\"café — naïve\""),
        ("€ and ‘quotes’", "\"€ and ‘quotes’\""),
        ("emoji 🚲👩🏽‍💻", "\"emoji 🚲👩🏽‍💻\""),
        ("\u{7F}", "\"\u{7F}\""),
    ])
    func escapes(input: String, expected: String) {
        #expect(quoted(input) == expected)
    }

    @Test func keysAreEscapedToo() {
        var writer = JSONWriter()
        writer.object { $0.field("a\"b", "x\ny") }
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "{\"a\\\"b\":\"x\\ny\"}")
    }

    /// Every escape round-trips through a real JSON parser to the original string.
    @Test func roundTripsThroughJSONSerialization() throws {
        var text = "start "
        for scalar in (0..<0x80).compactMap(Unicode.Scalar.init) { text.unicodeScalars.append(scalar) }
        text += " ✓ 🚲 \u{2028}\u{2029} \u{E2}\u{80} end"
        var writer = JSONWriter()
        writer.array([text]) { $0.string($1) }
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(parsed == [text])
    }
}

/// Every escapable character at every offset of a long clean run, so the eight-bytes-at-a-time scan
/// is checked at each position within a word and across word boundaries.
@Suite struct JSONWriterWordScanTests {
    @Test(arguments: ["\"", "\\", "\n", "\u{1}", "\u{1F}", "<", "\u{2028}", "\u{2029}", "é", "🚲", "\u{7F}", "~"])
    func escapesAtEveryOffset(special: String) throws {
        for offset in 0..<20 {
            let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 19 - offset)
            var writer = JSONWriter()
            writer.array([text]) { $0.string($1) }
            let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
            #expect(parsed == [text])
            let raw = String(decoding: writer.bytes, as: UTF8.self)
            #expect(!raw.contains("<") && !raw.contains("\u{2028}") && !raw.contains("\n"))
        }
    }
}

@Suite struct JSONWriterNumberTests {
    @Test(arguments: [Int64(0), 7, -7, 10, 1_000_000, Int64.max, Int64.min, -1])
    func integers(value: Int64) {
        var writer = JSONWriter()
        writer.int(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
    }

    @Test func integersBeyondInt64() {
        var writer = JSONWriter()
        writer.int(UInt64.max)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "18446744073709551615")
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (1_795_000_000, "2026-11-18T11:06:40Z"),
        (951_782_400, "2000-02-29T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func isoTimes(seconds: Int64, text: String) {
        #expect(ISOTime.string(seconds) == text)
        #expect(ISOTime.parse(text) == seconds)
    }
}

/// Numbers at a fixed number of decimal places, written from integer digits.
@Suite struct JSONWriterDecimalTests {
    private func decimal(_ value: Double, _ places: Int) -> String {
        var writer = JSONWriter()
        writer.decimal(value, places: places)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        (0.0, 4, "0"), (-0.0, 4, "0"), (1.0, 4, "1"), (0.1, 4, "0.1"), (0.2, 4, "0.2"), (0.05, 4, "0.05"),
        (0.0001, 4, "0.0001"), (0.00004, 4, "0"), (0.00005, 4, "0.0001"), (0.20654329147389294, 4, "0.2065"),
        (0.99996, 4, "1"), (-0.25, 4, "-0.25"), (-0.00004, 4, "0"), (12.5, 0, "13"), (1234567.891, 2, "1234567.89"),
        (0.123456789, 9, "0.123456789"), (Double.nan, 4, "null"), (Double.infinity, 4, "null"),
    ])
    func rounds(value: Double, places: Int, expected: String) {
        #expect(decimal(value, places) == expected)
    }

    @Test func aValueTooLargeToScaleIsWrittenInFull() {
        #expect(decimal(1e300, 4) == String(1e300))
    }

    /// A score is written to four places wherever the API gives one, not as the full `Double`.
    @Test func scoresAreWrittenToFourPlaces() {
        var writer = JSONWriter()
        writer.voteCounts(id: 3, up: 1, down: 0, score: 0.20654329147389294, myVote: .up)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"id":3,"up":1,"down":0,"score":0.2065,"myVote":1}"#)
    }

    @Test func valuesAreSeparatedLikeAnyOther() {
        var writer = JSONWriter()
        writer.array([0.5, 0.25]) { $0.decimal($1, places: 1) }
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[0.5,0.3]")
    }
}
