// Header text a mail reader shows as written: RFC 2047 encoded-words for anything beyond plain ASCII.

/// Unstructured header text (a subject) and display names, made safe for a header line.
///
/// Text of printable ASCII goes out as it is; anything else becomes `=?UTF-8?B?…?=` encoded-words
/// (RFC 2047 §2, §4.1), each at most 75 characters and never splitting a character's bytes
/// (§5 rule 3), one per folded line so no header line passes 78 characters (RFC 5322 §2.1.1).
/// Line breaks and other controls in the input become spaces: a header can never gain a line.
public enum EncodedWords {
    /// Longest encoded-word, in characters (RFC 2047 §2).
    static let maxWordLength = 75
    /// "=?UTF-8?B?" and "?=".
    private static let overhead = 12

    /// The value of an unstructured header such as Subject, folded: words joined by CRLF + space.
    public static func unstructured(_ text: String) -> String {
        let clean = withoutControls(text)
        if isPlainASCII(clean) { return fold(clean) }
        return encode(clean).joined(separator: "\r\n ")
    }

    /// A display name for From/To (RFC 5322 §3.4 `display-name`): atoms as they are, other ASCII as a
    /// quoted-string, anything beyond ASCII as encoded-words (allowed in a phrase, RFC 2047 §5 rule 3).
    public static func phrase(_ text: String) -> String {
        let clean = withoutControls(text)
        guard isPlainASCII(clean) else { return encode(clean).joined(separator: " ") }
        let atomic = clean.utf8.allSatisfy { byte in
            byte == UInt8(ascii: " ") || MailAddress.isAtext(byte)
        }
        if atomic { return clean }
        var quoted = "\""
        for character in clean {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// Encoded-words of `text`, each holding whole characters and at most 75 characters long.
    static func encode(_ text: String) -> [String] {
        // 4 base64 characters per 3 bytes: (75 - 12) / 4 * 3 = 45 bytes of text per word.
        let maxBytes = (maxWordLength - overhead) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=") }
        return words
    }

    /// Printable ASCII and spaces only, with nothing a decoder could take for an encoded-word.
    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20...0x7E).contains($0) } && !text.contains("=?")
    }

    private static func withoutControls(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : scalar
        }))
    }

    /// Plain ASCII folded at spaces so that lines stay near 78 characters (RFC 5322 §3.2.2).
    private static func fold(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        for (index, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index == 0 {
                line = String(word)
            } else if !line.isEmpty, !word.isEmpty, line.count + 1 + word.count > 68 {
                lines.append(line)
                line = String(word)
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\r\n ")
    }
}
