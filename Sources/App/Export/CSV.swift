// CSV encoding for exports: RFC 4180 rows with a guard against spreadsheet formula injection.

/// One cell of an exported row.
public enum CSVCell: Sendable, Equatable {
    /// Free text, quoted when needed and guarded against formula injection.
    case text(String)
    /// Written as a plain decimal number, never guarded.
    case integer(Int64)
    /// Written with at most 6 digits after the point (rounded), trailing zeros dropped, no exponent;
    /// NaN and infinities are written as an empty cell.
    case real(Double)
    /// A UTC time in Unix seconds: `2026-11-18 11:06:40` in a CSV file, as Excel and LibreOffice read a
    /// date and time (`ISOTime.spreadsheet`); ISO 8601 in the open-data JSON, as the API writes times.
    case time(Int64)
    case empty
}

/// Pure CSV encoding (RFC 4180): fields separated by commas, rows ended by CRLF, a field holding a
/// comma, quote, CR or LF wrapped in quotes with inner quotes doubled.
public struct CSVEncoder: Sendable {
    /// UTF-8's byte order mark, which spreadsheets need to read the file as UTF-8.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A whole file: the byte order mark, then each row.
    public static func document(_ rows: [[CSVCell]]) -> [UInt8] {
        var out = byteOrderMark
        for row in rows { encodeRow(row, into: &out) }
        return out
    }

    /// Appends one row, ended by CRLF (RFC 4180 §2.1).
    public static func encodeRow(_ cells: [CSVCell], into out: inout [UInt8]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let s): out.append(contentsOf: field(s).utf8)
            case .integer(let n): out.append(contentsOf: String(n).utf8)
            case .real(let x): out.append(contentsOf: decimal(x).utf8)
            case .time(let seconds): out.append(contentsOf: ISOTime.spreadsheet(seconds).utf8)
            case .empty: break
            }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// A text field as written: formula-like text is defused (`defused`), then the field is quoted
    /// if it holds a comma, quote, CR or LF (RFC 4180 §2.6–2.7).
    public static func field(_ s: String) -> String {
        let text = defused(s)
        guard text.unicodeScalars.contains(where: { needsQuotes.contains($0) }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    /// `text` with a `'` before every formula start a spreadsheet could see (OWASP, "CSV Injection"):
    /// at the start, and after every character that one of them may take for the end of a cell —
    /// comma, semicolon, tab and bar (Excel splits a .csv on the locale's list separator, often `;`;
    /// LibreOffice offers any), CR and LF (a quoted line break stops protecting the rest once
    /// the separator is not ours) — with spaces and quotes skipped, since "trim spaces" drops the
    /// one and a stray quote opens a quoted cell.
    /// LibreOffice 7.4 evaluated `x;=2+2`, `"y;=3+3",z` and a trimmed ` =3+3` before this.
    /// A spreadsheet shows a leading `'` as text; tab and CR at the very start are guarded too.
    static func defused(_ s: String) -> String {
        var text = s
        // One pass over the bytes (every character it looks for is ASCII or a 3-byte UTF-8 form);
        // a string needing nothing, which is nearly every one, is returned as it is.
        let marks = text.withUTF8 { bytes -> [Int] in
            var marks: [Int] = []
            var atCellStart = true
            for index in bytes.indices {
                let byte = bytes[index]
                if atCellStart, startsFormula(bytes, at: index) || (index == 0 && (byte == 0x09 || byte == 0x0D)) {
                    marks.append(index)
                }
                switch byte {
                case 0x2C, 0x3B, 0x09, 0x0D, 0x0A, 0x7C: atCellStart = true  // , ; tab CR LF |
                case 0x20, 0x22: break  // a space or a quote before the formula hides it from no one
                default: atCellStart = false
                }
            }
            return marks
        }
        guard !marks.isEmpty else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + marks.count)
        var next = marks.makeIterator(), mark = next.next()
        for (index, byte) in s.utf8.enumerated() {
            if index == mark {
                out.append(UInt8(ascii: "'"))
                mark = next.next()
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a formula starts at `index`: = + - @, or their full-width forms (an East Asian
    /// keyboard's ＝ ＋ － ＠, U+FF1D U+FF0B U+FF0D U+FF20, which are EF BC 9D/8B/8D/A0 in UTF-8).
    private static func startsFormula(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"): return true
        case 0xEF:
            guard index + 2 < bytes.count, bytes[index + 1] == 0xBC else { return false }
            return [0x9D, 0x8B, 0x8D, 0xA0].contains(bytes[index + 2])
        default: return false
        }
    }

    private static let needsQuotes: Set<Unicode.Scalar> = [",", "\"", "\r", "\n"]

    /// `x` rounded to 6 decimals, written without an exponent.
    static func decimal(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        // From 2^63 up every double is a whole number too large for Int64: expand its digits instead.
        guard abs(x) < 9.2e18 else { return expandingExponent(x.description) }
        // Subtracting the whole part is exact, so only the fraction is rounded.
        let truncated = x.rounded(.towardZero)
        var whole = Int64(truncated).magnitude
        var millionths = UInt64((abs(x - truncated) * 1_000_000).rounded())
        if millionths == 1_000_000 {
            whole += 1
            millionths = 0
        }
        if whole == 0, millionths == 0 { return "0" }
        var text = x < 0 ? "-" : ""
        text += String(whole)
        if millionths != 0 {
            var digits = String(millionths)
            digits = String(repeating: "0", count: 6 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// Turns Swift's shortest description of a double ("1.5e+20", "12.5") into plain digits
    /// ("150000000000000000000", "12.5"), dropping trailing zeros after the point.
    static func expandingExponent(_ description: String) -> String {
        var text = Substring(description)
        let sign = text.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...].filter { $0 != "+" }) ?? 0
            text = text[..<e]
        }
        let point = text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count
        var digits = text.filter { $0 != "." }
        let wholeDigits = point + exponent
        if wholeDigits >= digits.count {
            digits += String(repeating: "0", count: wholeDigits - digits.count)
            return sign + digits
        }
        var fraction = String(digits.dropFirst(wholeDigits))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = String(digits.prefix(wholeDigits))
        return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}
