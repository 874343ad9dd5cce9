// Coalesced wake-ups lose no event: a burst of publishes reaches every stream whole and in order.
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct EventsCoalescingTests {
    @Test func burstArrivesWholeAndInOrderOnEveryStream() throws {
        let server = try TestApp()
        defer { server.close() }
        var streams: [RawClient] = []
        var received: [String] = []
        for _ in 0..<3 {
            let stream = try RawClient(port: server.port, timeoutSeconds: 5)
            try stream.send("GET /api/campaigns/test/events HTTP/1.1\r\nHost: x\r\n\r\n")
            var text = ""
            while !text.contains(": connected") { text += String(decoding: try stream.readAvailable(), as: UTF8.self) }
            streams.append(stream)
            received.append(text)
        }
        let hub = server.app.context.events
        let count = 500
        for n in 0..<count {
            hub.publish(campaignID: server.campaignID, event: "votes", data: Array("{\"n\":\(n)}".utf8))
        }
        for (index, stream) in streams.enumerated() {
            while !received[index].contains("{\"n\":\(count - 1)}") {
                received[index] += String(decoding: try stream.readAvailable(), as: UTF8.self)
            }
            let numbers = received[index].split(separator: "\n")
                .filter { $0.hasPrefix("data: {\"n\":") }
                .compactMap { Int($0.dropFirst("data: {\"n\":".count).dropLast()) }
            #expect(numbers == Array(0..<count))
        }
    }
}
