// Hostile clients that try to take more than their share: connections from one address, trickled bodies, bare LF heads.

import Dispatch
import Glibc
import Synchronization
import Testing
import TestSupport
@testable import HTTP

@Suite("Fair share per client", .serialized)
struct FairShareTests {
    @Test("one address cannot hold more than its share of connections; another address is still served")
    func connectionsPerAddress() throws {
        var limits = Limits()
        limits.maxConnectionsPerAddress = 8
        let server = try TestServer(limits: limits)
        defer { server.stop() }
        var held = try (0..<8).map { _ in try server.client() }
        for client in held {
            try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "ok")
        }
        let refused = try server.client()
        let answer = try refused.readResponse()
        #expect(answer.status == 429 && answer.text.contains(#""code":"too_many_connections""#))
        #expect(refused.isClosedByPeer())

        let other = try server.client(from: "127.0.0.2")
        try other.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try other.readResponse().text == "ok", "a second address has its own share")

        held.removeLast()  // closes one: its place comes back once the server notices
        #expect(server.eventually { server.server.connectionCount == 8 })
        let again = try server.client()
        try again.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try again.readResponse().text == "ok")
    }

    @Test("a trusted proxy's connections are not counted against one address's share")
    func trustedProxyNotCapped() throws {
        var limits = Limits()
        limits.maxConnectionsPerAddress = 2
        let server = try TestServer(limits: limits, trustedProxies: [AddressRange("127.0.0.1")!])
        defer { server.stop() }
        let clients = try (0..<5).map { _ in try server.client() }
        for client in clients {
            try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "ok")
        }
    }

    @Test("a body trickled a byte at a time is cut at its deadline while a polite client is served")
    func slowUploadCut() throws {
        var limits = Limits()
        limits.bodyTimeout = 1
        limits.bodyMinimumRate = 500
        // Idle time alone would never end it: a byte comes every 50 ms.
        limits.bodyIdleTimeout = 30
        let server = try TestServer(limits: limits)
        defer { server.stop() }
        let attacker = try server.client(timeout: 8)
        try attacker.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n")
        let stop = Atomic<Bool>(false)
        let trickler = DispatchQueue(label: "trickle")
        let done = DispatchSemaphore(value: 0)
        trickler.async {
            defer { done.signal() }
            for _ in 0..<160 where !stop.load(ordering: .relaxed) {
                guard (try? attacker.send("a")) != nil else { return }
                usleep(50_000)
            }
        }
        defer {
            stop.store(true, ordering: .relaxed)
            done.wait()
        }
        let polite = try server.client(from: "127.0.0.2")
        try polite.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello")
        #expect(try polite.readResponse().text == "hello")
        let answer = try attacker.readResponse()
        #expect(answer.status == 408)
        #expect(answer.text.contains(#""code":"request_timeout""#))
    }

    @Test("a body that keeps the minimum rate is read to the end, past the first deadline")
    func steadyUploadServed() throws {
        var limits = Limits()
        limits.bodyTimeout = 0.5
        limits.bodyMinimumRate = 1000
        let server = try TestServer(limits: limits)
        defer { server.stop() }
        let client = try server.client()
        let body = String(repeating: "b", count: 800)
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 800\r\n\r\n")
        // 200 bytes every 100 ms: 2000 bytes a second, twice the minimum, over 0.4 s.
        for piece in 0..<4 {
            try client.send(String(body.prefix(200)))
            if piece < 3 { usleep(100_000) }
        }
        #expect(try client.readResponse().text == body)
    }

    @Test("a head whose lines end in a bare LF is answered 400 at once, not at the header timeout")
    func bareLineFeedAnsweredAtOnce() throws {
        var limits = Limits()
        limits.headerTimeout = 30  // a 408 could only come after the client's read timeout
        let server = try TestServer(limits: limits)
        defer { server.stop() }
        let client = try server.client(timeout: 5)
        try client.send("GET / HTTP/1.1\nHost: x\n\n")
        let answer = try client.readResponse()
        #expect(answer.status == 400)
        #expect(answer.text.contains("bare LF"))
        #expect(client.isClosedByPeer())
    }
}
