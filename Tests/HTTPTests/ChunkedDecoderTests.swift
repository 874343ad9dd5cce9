// The chunked body decoder: valid bodies whole and byte by byte, and every kind of malformed framing.

import Testing
@testable import HTTP

@Suite("Chunked decoder")
struct ChunkedDecoderTests {
    static func decode(_ raw: String, maxBody: Int = 1024, byteByByte: Bool = false) -> (ChunkedDecoder.Outcome, [UInt8], Int) {
        var decoder = ChunkedDecoder(maxBody: maxBody, maxLine: 64)
        var body: [UInt8] = []
        let bytes = Array(raw.utf8)
        var offset = 0
        var outcome = ChunkedDecoder.Outcome.needMore
        while offset < bytes.count {
            let end = byteByByte ? offset + 1 : bytes.count
            let (consumed, result) = bytes[offset..<end].withUnsafeBytes { decoder.decode($0, into: &body) }
            offset += consumed
            outcome = result
            if result != .needMore { break }
            if consumed == 0 && !byteByByte { break }
        }
        return (outcome, body, offset)
    }

    @Test("valid bodies", arguments: [
        ("5\r\nhello\r\n0\r\n\r\n", "hello"),
        ("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "hello world"),
        ("A\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
        ("5;name=value\r\nhello\r\n0\r\n\r\n", "hello"),
        ("5;a=\"quoted; value\"\r\nhello\r\n0\r\n\r\n", "hello"),
        ("5;a=b;c\r\nhello\r\n0\r\n\r\n", "hello"),
        ("5\r\nhello\r\n0\r\nX-Checksum: yes\r\n\r\n", "hello"),
        ("0\r\n\r\n", ""),
    ])
    func valid(_ raw: String, _ expected: String) {
        for byteByByte in [false, true] {
            let (outcome, body, consumed) = Self.decode(raw, byteByByte: byteByByte)
            #expect(outcome == .done)
            #expect(String(decoding: body, as: UTF8.self) == expected)
            #expect(consumed == raw.utf8.count)
        }
    }

    @Test("malformed framing is refused", arguments: [
        "x\r\nhello\r\n0\r\n\r\n",            // not hex
        "-5\r\nhello\r\n0\r\n\r\n",           // signed
        "0x5\r\nhello\r\n0\r\n\r\n",          // prefix
        "\r\nhello\r\n0\r\n\r\n",             // empty size
        "5\nhello\r\n0\r\n\r\n",              // bare LF
        "5\r\nhelloXX0\r\n\r\n",              // data not followed by CRLF
        "5\r\nhello\r0\r\n\r\n",              // bare CR after data
        "1000000000000000\r\n",               // overflow (16 hex digits)
        "5;\u{1}\r\nhello\r\n0\r\n\r\n",      // control byte in extension
        "5" + String(repeating: " ", count: 80) + "\r\n",  // size line too long
        "5\r\nhello\r\n0\r\nhello\r\n\r\n",        // trailer line without a colon
        "5;\u{FF}x\r\nhello\r\n0\r\n\r\n",          // extension name not a token
        "5;x\t\t=\r\nhello\r\n0\r\n\r\n",          // extension with '=' and no value
        "5;x=\"open\r\nhello\r\n0\r\n\r\n",         // unterminated quoted value
        "5;;x\r\nhello\r\n0\r\n\r\n",                // empty extension
        "5 ;a=b\r\nhello\r\n0\r\n\r\n",              // whitespace before ';' (llhttp strict refuses it too)
        "0\t\r\n\r\n",                                  // whitespace after the size
        "0\r\nTransfer-Encoding: chunked\r\n\r\n",     // framing field in a trailer
        "0\r\ncontent-length: 5\r\n\r\n",              // framing field in a trailer, any case
        "5\r\nhello\r\n0\r\n\t\t\r\n\r\n",          // trailer line of whitespace (a fold)
        "5\r\nhello\r\n0\r\n: v\r\n\r\n",            // trailer with an empty name
        "5\r\nhello\r\n0\r\nA b: v\r\n\r\n",         // space inside a trailer name
        "5\r\nhello\r\n0\r\nA: \u{0}\r\n\r\n",       // NUL in a trailer value
    ])
    func malformed(_ raw: String) {
        let (outcome, _, _) = Self.decode(raw)
        guard case .invalid = outcome else {
            Issue.record("accepted \(raw.debugDescription): \(outcome)")
            return
        }
    }

    @Test("a body over the limit is 413")
    func tooLarge() {
        let (outcome, _, _) = Self.decode("20\r\n" + String(repeating: "a", count: 32) + "\r\n0\r\n\r\n", maxBody: 16)
        #expect(outcome == .invalid(.contentTooLarge))
    }

    @Test("bytes after the body are left for the next request")
    func leavesNextRequest() {
        let raw = "5\r\nhello\r\n0\r\n\r\nGET / HTTP/1.1\r\n"
        let (outcome, _, consumed) = Self.decode(raw)
        #expect(outcome == .done)
        #expect(consumed == "5\r\nhello\r\n0\r\n\r\n".utf8.count)
    }
}
