// base64url as RFC 4648 §5 writes it, without padding: the same text Foundation's encoder gives, and back.
import Foundation
import Testing
@testable import App

@Suite struct Base64URLTests {
    /// Every length of a group's remainder, and bytes that use the two url-safe digits (`-`, `_`).
    @Test func matchesFoundationsEncodingWithTheUrlSafeAlphabet() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...70 {
            let bytes = (0..<length).map { index in index % 5 == 0 ? 0xFB : UInt8.random(in: .min ... .max, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Tokens.base64url(bytes) == expected, "\(length) bytes")
            #expect(Tokens.fromBase64url(Tokens.base64url(bytes)) == bytes)
        }
    }

    @Test(arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
                      ("foobar", "Zm9vYmFy")])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Tokens.base64url(Array(plain.utf8)) == encoded)
    }

    @Test func theUrlSafeDigitsReplacePlusAndSlash() {
        #expect(Tokens.base64url([0xFB, 0xFF]) == "-_8")
    }
}
