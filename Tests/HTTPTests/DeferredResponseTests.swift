// Deferred answers: started on the loop, replied later from another thread, without holding the loop up.

import Dispatch
import Testing
import TestSupport
@testable import HTTP

@Suite("Deferred responses", .serialized)
struct DeferredResponseTests {
    @Test("a deferred reply from another thread answers its request, then the connection goes on")
    func replyArrivesAndConnectionContinues() throws {
        let server = try TestServer(eventLoops: 1)
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET /later HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(server.eventually { server.gate.waiting == 1 })
        DispatchQueue.global().async { server.gate.open() }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.text == "later 1")
        #expect(response.headers["X-Content-Type-Options"] == "nosniff")
        try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "ok")
    }

    @Test("while replies are held, the same loop answers other connections")
    func heldRepliesDoNotBlockTheLoop() throws {
        let server = try TestServer(eventLoops: 1)
        defer { server.stop() }
        let waiting = try (0..<20).map { _ in try server.client() }
        for client in waiting { try client.send("GET /later HTTP/1.1\r\nHost: t\r\n\r\n") }
        #expect(server.eventually { server.gate.waiting == 20 })
        // Nothing is released until this other client has been served by the one loop.
        let other = try server.client()
        for _ in 0..<3 {
            try other.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try other.readResponse().text == "ok")
        }
        server.gate.open()
        var bodies: Set<String> = []
        for client in waiting {
            let response = try client.readResponse()
            #expect(response.status == 200)
            bodies.insert(response.text)
        }
        #expect(bodies == Set((1...20).map { "later \($0)" }))
    }

    @Test("pipelined requests behind a deferred one are answered in order after it")
    func pipelinedAfterDeferred() throws {
        let server = try TestServer(eventLoops: 1)
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET /later HTTP/1.1\r\nHost: t\r\n\r\nPOST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nafter")
        #expect(server.eventually { server.gate.waiting == 1 })
        server.gate.open()
        #expect(try client.readResponse().text == "later 1")
        #expect(try client.readResponse().text == "after")
    }

    @Test("a reply for a client that left is dropped; the server carries on")
    func replyAfterClientLeft() throws {
        let server = try TestServer(eventLoops: 1)
        defer { server.stop() }
        let leaving = try server.client()
        try leaving.send("GET /later HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(server.eventually { server.gate.waiting == 1 })
        leaving.reset()
        let next = try server.client()
        try next.send("GET /later HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(server.eventually { server.gate.waiting == 2 })
        server.gate.open()
        #expect(try next.readResponse().text == "later 2")
        try next.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try next.readResponse().text == "ok")
    }
}
