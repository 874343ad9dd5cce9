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
            case .empty: break
            }
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// A text field as written: text starting with = + - @ tab or CR gets a leading ' so spreadsheets
    /// show it rather than run it (OWASP, "CSV Injection"); then it is quoted if it holds a comma,
    /// quote, CR or LF (RFC 4180 §2.6–2.7).
    public static func field(_ s: String) -> String {
        var text = s
        if let first = s.unicodeScalars.first, formulaStarts.contains(first) {
            text = "'" + s
        }
        guard text.unicodeScalars.contains(where: { needsQuotes.contains($0) }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
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
