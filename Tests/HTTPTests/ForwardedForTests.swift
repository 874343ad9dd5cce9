// Client addresses: parsing, the per-address key, CIDR ranges, and the client behind trusted proxies.

import Testing
import TestSupport
@testable import HTTP

@Suite("Client addresses and trusted proxies")
struct ForwardedForTests {
    @Test("addresses parse, print canonically, and IPv4-mapped IPv6 is IPv4", arguments: [
        ("192.0.2.1", "192.0.2.1"), ("::ffff:192.0.2.1", "192.0.2.1"), ("2001:DB8:0:0::1", "2001:db8::1"),
        ("fe80::1%eth0", "fe80::1"), ("::1", "::1"),
    ])
    func parsing(_ text: String, _ printed: String) {
        #expect(IPAddress(text)?.description == printed)
    }

    @Test("host names and garbage are not addresses", arguments: ["localhost", "", "1.2.3", "1.2.3.4.5", "unknown", "_hidden"])
    func notAddresses(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("per-address limits count IPv4 whole and IPv6 by its /64")
    func limitKey() {
        #expect(IPAddress("192.0.2.1")!.limitKey == IPAddress("192.0.2.1")!)
        #expect(IPAddress("192.0.2.1")!.limitKey != IPAddress("192.0.2.2")!.limitKey)
        #expect(IPAddress("2001:db8:1:2::1")!.limitKey == IPAddress("2001:db8:1:2:ffff::9")!.limitKey)
        #expect(IPAddress("2001:db8:1:2::1")!.limitKey != IPAddress("2001:db8:1:3::1")!.limitKey)
        #expect(IPAddress("2001:db8:1:2::1")!.limitKey.description == "2001:db8:1:2::")
    }

    @Test("ranges", arguments: [
        ("10.0.0.0/8", "10.200.3.4", true), ("10.0.0.0/8", "11.0.0.1", false), ("192.0.2.7", "192.0.2.7", true),
        ("192.0.2.7", "192.0.2.8", false), ("2001:db8::/32", "2001:db8:ffff::1", true), ("2001:db8::/32", "2001:db9::1", false),
        ("0.0.0.0/0", "203.0.113.9", true), ("0.0.0.0/0", "2001:db8::1", false), ("::/0", "192.0.2.1", false),
        ("10.1.2.3/16", "10.1.99.1", true),
    ])
    func ranges(_ range: String, _ address: String, _ inside: Bool) {
        #expect(AddressRange(range)!.contains(IPAddress(address)!) == inside)
    }

    @Test("bad ranges are refused", arguments: ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "proxy.local", "10.0.0.0/8/8"])
    func badRanges(_ text: String) {
        #expect(AddressRange(text) == nil)
    }

    @Test("a list names its first bad entry")
    func list() {
        guard case .success(let ranges) = AddressRange.list(" 10.0.0.0/8 , ::1,") else {
            Issue.record("a good list was refused")
            return
        }
        #expect(ranges.map(\.description) == ["10.0.0.0/8", "::1"])
        #expect(AddressRange.list("10.0.0.1, nginx") == .failure(InvalidAddressRange(text: "nginx")))
    }

    static let proxy = IPAddress("10.0.0.5")!
    static let trusted = [AddressRange("10.0.0.0/24")!]

    static func client(_ headers: [(String, String)], peer: IPAddress = proxy, trusted: [AddressRange] = trusted) -> String {
        ForwardedFor.client(peer: peer, headers: Headers(headers), trusted: trusted).description
    }

    @Test("the client behind trusted proxies", arguments: [
        ("the proxy's X-Forwarded-For names the client", [("X-Forwarded-For", "203.0.113.9")], "203.0.113.9"),
        ("a forged entry left of the client is ignored", [("X-Forwarded-For", "1.1.1.1, 203.0.113.9")], "203.0.113.9"),
        ("trusted hops are walked over", [("X-Forwarded-For", "203.0.113.9, 10.0.0.7")], "203.0.113.9"),
        ("repeated fields are one list", [("X-Forwarded-For", "198.51.100.1"), ("X-Forwarded-For", "203.0.113.9")], "203.0.113.9"),
        ("a port and brackets", [("X-Forwarded-For", "[2001:db8::7]:4711")], "2001:db8::7"),
        ("IPv4 with a port", [("X-Forwarded-For", "203.0.113.9:5555")], "203.0.113.9"),
        ("an unreadable hop stops at the proxy", [("X-Forwarded-For", "203.0.113.9, unknown")], "10.0.0.5"),
        ("all hops trusted: the farthest", [("X-Forwarded-For", "10.0.0.8, 10.0.0.7")], "10.0.0.8"),
        ("no header: the proxy itself", [], "10.0.0.5"),
        ("RFC 7239 Forwarded", [("Forwarded", #"for=198.51.100.3;proto=https, for="[2001:db8::9]:80""#)], "2001:db8::9"),
        ("Forwarded with a trusted last hop", [("Forwarded", "for=198.51.100.3, for=10.0.0.9;by=10.0.0.5")], "198.51.100.3"),
        ("Forwarded obfuscated", [("Forwarded", "for=_hidden")], "10.0.0.5"),
        ("X-Forwarded-For wins over Forwarded", [("Forwarded", "for=1.1.1.1"), ("X-Forwarded-For", "203.0.113.9")], "203.0.113.9"),
    ])
    func behindProxies(_ name: String, _ headers: [(String, String)], _ expected: String) {
        #expect(Self.client(headers) == expected, "\(name)")
    }

    @Test("a peer that is not a trusted proxy is the client, whatever it claims")
    func untrustedPeer() {
        let peer = IPAddress("203.0.113.50")!
        #expect(Self.client([("X-Forwarded-For", "1.2.3.4")], peer: peer) == "203.0.113.50")
        #expect(Self.client([("X-Forwarded-For", "1.2.3.4")], trusted: []) == "10.0.0.5")
    }

    @Test("end to end: the request's client is the forwarded one only from a trusted peer")
    func endToEnd() throws {
        let server = try TestServer(trustedProxies: [AddressRange("127.0.0.1")!])
        defer { server.stop() }
        let viaProxy = try server.client()
        try viaProxy.send("GET /client HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 198.51.100.4\r\n\r\n")
        #expect(try viaProxy.readResponse().text == "198.51.100.4")
        let direct = try server.client(from: "127.0.0.2")
        try direct.send("GET /client HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 198.51.100.4\r\n\r\n")
        #expect(try direct.readResponse().text == "127.0.0.2")
    }
}
