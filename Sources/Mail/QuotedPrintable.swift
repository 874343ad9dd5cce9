// Quoted-printable (RFC 2045 §6.7): UTF-8 text bodies that pass any relay as 7-bit lines of at most 76 characters.

enum QuotedPrintable {
    /// Longest encoded line, soft break's `=` included (RFC 2045 §6.7 rule 5).
    static let maxLine = 76
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// `text` encoded, lines ending in CRLF. Line breaks in the input (LF or CRLF) stay line breaks
    /// (rule 4); spaces and tabs before a break are encoded (rule 3); a line is never split inside an
    /// `=XX` triplet. A leading `.` is encoded too, so no relay that mishandles dot-stuffing can eat it.
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let normalised = text.replacingCRLF()
        let lines = normalised.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            if number > 0 { out += [13, 10] }
            encodeLine(Array(line), into: &out)
        }
        return out
    }

    private static func encodeLine(_ line: [UInt8], into out: inout [UInt8]) {
        var column = 0
        for (index, byte) in line.enumerated() {
            let last = index == line.count - 1
            var literal: Bool
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): literal = !last
            case UInt8(ascii: "="): literal = false
            case 33...126: literal = true
            default: literal = false
            }
            // Room for this token, plus the soft break's "=" unless it ends the line.
            let room = maxLine - (last ? 0 : 1)
            var breaks = column + (literal ? 1 : 3) > room
            if byte == UInt8(ascii: "."), column == 0 || breaks {
                literal = false
                breaks = column + 3 > room
            }
            let width = literal ? 1 : 3
            if breaks {
                out += [UInt8(ascii: "="), 13, 10]
                column = 0
            }
            if literal {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
            column += width
        }
    }
}

extension String {
    /// CRLF and lone CR as LF.
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
