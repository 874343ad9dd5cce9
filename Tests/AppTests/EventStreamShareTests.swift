// One address holding every event stream: it gets its share, and a second address still gets its stream.
import Dispatch
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct EventStreamShareTests {
    /// Asks for the campaign's stream; the status, and the open client when it is a stream.
    static func openStream(port: Int, from source: String? = nil) throws -> (Int, RawClient) {
        let client = try RawClient(port: port, timeoutSeconds: 10, from: source)
        try client.send("GET /api/campaigns/test/events HTTP/1.1\r\nHost: x\r\n\r\n")
        var head = ""
        while !head.contains("\r\n\r\n") { head += String(decoding: try client.readAvailable(), as: UTF8.self) }
        let status = Int(head.split(separator: " ")[1]) ?? 0
        if status == 200 {
            while !head.contains(": connected") { head += String(decoding: try client.readAvailable(), as: UTF8.self) }
        }
        return (status, client)
    }

    @Test func twoThousandStreamsFromOneAddressLeaveRoomForASecondAddress() throws {
        // Heartbeats every second, so streams whose clients left are noticed at the next write.
        let app = try TestApp(rateLimits: true) { $0.heartbeatInterval = 1 }
        defer { app.close() }
        let perAddress = app.app.configuration.maxEventSubscribersPerAddress
        #expect(app.app.configuration.maxEventSubscribers == 2000, "the default total")
        var held: [RawClient] = []
        var statuses: [Int: Int] = [:]
        for _ in 0..<2000 {
            let (status, client) = try Self.openStream(port: app.port)
            statuses[status, default: 0] += 1
            if status == 200 { held.append(client) }  // the rest close as they go out of scope
        }
        #expect(statuses[200] == perAddress, "one address holds its share of streams: \(statuses)")
        #expect(statuses[429] == 2000 - perAddress)
        #expect(app.app.context.events.subscriberCount == perAddress)

        let (status, second) = try Self.openStream(port: app.port, from: "127.0.0.2")
        #expect(status == 200, "a second address still gets its stream")
        app.app.context.events.publish(campaignID: app.campaignID, event: "votes", data: Array(#"{"id":1}"#.utf8))
        var text = ""
        while !text.contains(#"data: {"id":1}"#) { text += String(decoding: try second.readAvailable(), as: UTF8.self) }

        held.removeAll()  // the attacker leaves: its share comes back
        #expect(app.eventually { app.app.context.events.subscriberCount == 1 })
        #expect(try Self.openStream(port: app.port).0 == 200)
    }
}
