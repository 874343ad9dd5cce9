// Behind a reverse proxy every user is the proxy's address: limits must count the forwarded client, and only from a trusted proxy.
import Foundation
import HTTP
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct TrustedProxyTests {
    /// Joins as a new contributor with `X-Forwarded-For: forwarded`; the status.
    static func join(_ app: TestApp, forwarded: String) throws -> Int {
        try app.client().send("POST", "/api/campaigns/test/join", json: "{}", headers: [("X-Forwarded-For", forwarded)]).status
    }

    @Test func limitsCountTheForwardedClientBehindATrustedProxy() throws {
        let app = try TestApp(rateLimits: true) { $0.trustedProxies = [AddressRange("127.0.0.1")!] }
        defer { app.close() }
        let perAddress = RateLimiter.Action.join.rules.address.limit
        for _ in 0..<perAddress { #expect(try Self.join(app, forwarded: "198.51.100.1") == 201) }
        #expect(try Self.join(app, forwarded: "198.51.100.1") == 429, "the first client used up its share")
        #expect(try Self.join(app, forwarded: "198.51.100.2") == 201, "a second client behind the same proxy has its own")
        // A client that adds its own entry in front cannot pose as someone else: the proxy appended the real one.
        #expect(try Self.join(app, forwarded: "203.0.113.77, 198.51.100.1") == 429)
        #expect(!app.logLines.all.joined().contains("198.51.100"), "client addresses are never logged")
    }

    @Test func forwardedHeadersFromAnUntrustedPeerAreIgnored() throws {
        let app = try TestApp(rateLimits: true)
        defer { app.close() }
        let perAddress = RateLimiter.Action.join.rules.address.limit
        for n in 0..<perAddress { #expect(try Self.join(app, forwarded: "198.51.100.\(n % 250 + 1)") == 201) }
        #expect(try Self.join(app, forwarded: "203.0.113.5") == 429, "a made-up X-Forwarded-For does not escape the limit")
    }

    @Test func aBadTrustedProxyListIsRefusedAtStart() {
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration.fromEnvironment(["GROUNDSWELL_TRUSTED_PROXIES": "10.0.0.0/8, proxy.internal"])
        }
        let good = try? AppConfiguration.fromEnvironment(["GROUNDSWELL_TRUSTED_PROXIES": "10.0.0.0/8, ::1"])
        #expect(good?.trustedProxies.map(\.description) == ["10.0.0.0/8", "::1"])
    }
}
