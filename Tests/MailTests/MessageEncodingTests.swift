// Header and body encodings, as tables of named cases: RFC 2047 words, quoted-printable lines, the wire form.
import Testing

@testable import Mail

@Suite struct MessageEncodingTests {
    @Test(arguments: [
        ("plain ASCII stays", "Join the campaign", "Join the campaign"),
        ("empty", "", ""),
        ("a line break becomes a space", "Two\r\nlines", "Two  lines"),
        ("something that looks encoded is encoded", "=?x?", "=?UTF-8?B?PT94Pw==?="),
        ("accents", "Café", "=?UTF-8?B?Q2Fmw6k=?="),
    ])
    func unstructuredHeaders(name: String, input: String, expected: String) {
        #expect(EncodedWords.unstructured(input) == expected, "\(name)")
    }

    @Test func longNonASCIISubjectsSplitIntoWordsOfWholeCharacters() {
        let subject = String(repeating: "Über die Ideen – 💡 ", count: 6)
        let folded = EncodedWords.unstructured(subject)
        let words = folded.split(separator: "\r\n ").map(String.init)
        #expect(words.count > 2)
        var decoded: [UInt8] = []
        for word in words {
            #expect(word.count <= EncodedWords.maxWordLength, "RFC 2047 §2: at most 75 characters")
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let bytes = Self.base64Decode(String(word.dropFirst(10).dropLast(2)))
            #expect(String(validating: bytes, as: UTF8.self) != nil, "each word holds whole characters (§5 rule 3)")
            decoded += bytes
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject.replacing("\r\n", with: ""))
    }

    @Test func longASCIISubjectsFoldAtSpaces() {
        let subject = Array(repeating: "reminder", count: 20).joined(separator: " ")
        let folded = EncodedWords.unstructured(subject)
        for line in folded.split(separator: "\r\n") { #expect(("Subject: " + line).count <= 78) }
        #expect(folded.replacing("\r\n", with: "") == subject, "unfolding (RFC 5322 §2.2.3) gives the text back")
    }

    @Test(arguments: [
        ("atoms", "Groundswell", "Groundswell"),
        ("specials are quoted", "Ward 5, St. Mary's", "\"Ward 5, St. Mary's\""),
        ("quotes are escaped", "The \"Team\"", "\"The \\\"Team\\\"\""),
        ("non-ASCII is encoded", "Équipe", "=?UTF-8?B?w4lxdWlwZQ==?="),
    ])
    func displayNames(name: String, input: String, expected: String) {
        #expect(EncodedWords.phrase(input) == expected, "\(name)")
    }

    @Test(arguments: [
        ("short line", "Hello", "Hello"),
        ("equals sign", "a=b", "a=3Db"),
        ("trailing space", "end ", "end=20"),
        ("trailing tab", "end\t", "end=09"),
        ("leading dot", ".hidden", "=2Ehidden"),
        ("UTF-8", "é", "=C3=A9"),
        ("CRLF kept as line break", "a\r\nb", "a\r\nb"),
        ("LF becomes CRLF", "a\nb", "a\r\nb"),
    ])
    func quotedPrintable(name: String, input: String, expected: String) {
        #expect(String(decoding: QuotedPrintable.encode(input), as: UTF8.self) == expected, "\(name)")
    }

    @Test func quotedPrintableLinesStayWithin76AndNeverSplitATriplet() {
        let text = String(repeating: "é", count: 100) + " " + String(repeating: "x", count: 200) + " ." + String(repeating: "=", count: 40)
        let encoded = String(decoding: QuotedPrintable.encode(text), as: UTF8.self)
        for line in encoded.split(separator: "\r\n") {
            #expect(line.count <= QuotedPrintable.maxLine)
            #expect(!line.hasPrefix("."), "no physical line starts with a dot")
            let tail = line.suffix(3)
            if line.hasSuffix("=") { continue }
            #expect(!(tail.dropLast().hasSuffix("=")), "no triplet cut in two: \(line)")
        }
        #expect(Self.quotedPrintableDecode(encoded) == Array(text.utf8))
    }

    @Test func theWireFormHasTheHeadersBothPartsAndCRLFLinesOnly() throws {
        let from = try #require(Mailbox(parsing: "Groundswell – Trust <noreply@ideas.example.org>"))
        let message = MailMessage(
            from: from, to: try #require(MailAddress("ana@example.org")), subject: "Invitation: Café ideas",
            body: MailBody(title: "Invitation", blocks: [
                .paragraph("You are invited & welcome <here>."),
                .action(label: "Join", url: "https://ideas.example.org/c/demo?invite=AB12#x"),
            ]),
            messageID: "abc123@ideas.example.org", date: 1_796_000_000,
            unsubscribe: "https://ideas.example.org/api/unsubscribe/tok", listID: "demo.invitations.ideas.example.org")
        let wire = String(decoding: message.rendered(boundary: "=_gs_test"), as: UTF8.self)
        #expect(!wire.replacing("\r\n", with: "").contains("\n"), "every line ends in CRLF")
        #expect(wire.utf8.allSatisfy { $0 < 128 }, "7-bit only")
        for line in wire.split(separator: "\r\n") { #expect(line.count <= 998) }
        #expect(wire.contains("From: =?UTF-8?B?"))
        #expect(wire.contains("To: ana@example.org\r\n"))
        #expect(wire.contains("Subject: =?UTF-8?B?"))
        #expect(wire.contains("Message-ID: <abc123@ideas.example.org>\r\n"))
        #expect(wire.contains("Date: Mon, 30 Nov 2026 "))
        #expect(wire.contains("List-Unsubscribe: <https://ideas.example.org/api/unsubscribe/tok>\r\n"))
        #expect(wire.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(wire.contains("Content-Type: multipart/alternative; boundary=\"=_gs_test\"\r\n"))
        #expect(wire.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(wire.contains("Content-Type: text/html; charset=utf-8"))
        #expect(wire.hasSuffix("\r\n--=_gs_test--\r\n"))
        let html = String(decoding: Self.quotedPrintableDecode(String(wire[wire.firstRange(of: "text/html")!.upperBound...])), as: UTF8.self)
        #expect(html.contains("You are invited &amp; welcome &lt;here&gt;."))
        #expect(!html.contains("<img") && !html.contains("<link") && !html.contains("<script") && !html.contains("url("))
    }

    @Test func aOneOffMessageHasNoUnsubscribeHeaders() throws {
        let message = MailMessage(
            from: Mailbox(address: try #require(MailAddress("noreply@example.org"))), to: try #require(MailAddress("a@example.org")),
            subject: "A message", body: MailBody(title: "t", blocks: [.paragraph("x")]), messageID: "1@example.org", date: 0)
        let wire = String(decoding: message.rendered(), as: UTF8.self)
        #expect(!wire.contains("List-Unsubscribe"))
    }

    @Test func linksThatAreNotWebLinksAreShownAsText() {
        let html = MailBody(title: "t", blocks: [.action(label: "Open", url: "javascript:alert(1)")]).html
        #expect(!html.contains("href"))
    }

    static func base64Decode(_ text: String) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var bits = 0
        var value = 0
        var out: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            guard let index = alphabet.firstIndex(of: byte) else { continue }
            value = value << 6 | index
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(value >> bits & 0xFF))
            }
        }
        return out
    }

    static func quotedPrintableDecode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "=") {
                if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                    index += 3
                    continue
                }
                if index + 2 < bytes.count, let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                    out.append(value)
                    index += 3
                    continue
                }
            }
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                out.append(10)
                index += 2
                continue
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }
}
