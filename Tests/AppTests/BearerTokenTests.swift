// Parsing `Authorization: Bearer …` values without allocating per character.

import Testing
@testable import App

@Suite struct BearerTokenTests {
    @Test(arguments: [
        ("Bearer abc123", "abc123"),
        ("bearer abc123", "abc123"),
        ("BEARER abc123", "abc123"),
        ("Bearer    spaced   ", "spaced"),
        ("  Bearer\ttabbed\t", "tabbed"),
        ("Bearer tok-é", "tok-é"),
    ])
    func acceptsBearer(value: String, token: String) {
        #expect(BearerToken.parse(value) == token)
    }

    @Test(arguments: ["", "Bearer", "Bearer ", "Bearer    ", "Basic abc", "Bearerabc", "Bear abc", "Bearez abc", "xBearer abc"])
    func rejects(value: String) {
        #expect(BearerToken.parse(value) == nil)
    }
}
