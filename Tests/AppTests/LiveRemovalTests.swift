// Open campaign pages are told, by id alone, when a contribution leaves the crowd's view (reports hold it in view: FlagResistanceTests).
import Foundation
import Testing
import TestSupport
@testable import App

@Suite struct LiveRemovalTests {
    @Test func hidingAndWithdrawingEachSendARemovedEventWithTheIdOnly() throws {
        let app = try TestApp(flagThreshold: 1)
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let author = app.client()
        try author.join()
        let hidden = try author.post(question: app.understandQuestion, body: "Hidden by a facilitator")
        let withdrawn = try author.post(question: app.understandQuestion, body: "Withdrawn by its author")

        let stream = try RawClient(port: app.port, timeoutSeconds: 5)
        try stream.send("GET /api/campaigns/test/events HTTP/1.1\r\nHost: x\r\n\r\n")
        var received = ""
        func readUntil(_ text: String) throws {
            while !received.contains(text) { received += String(decoding: try stream.readAvailable(), as: UTF8.self) }
        }
        try readUntil(": connected")
        let before = received.count

        #expect(try fac.send("POST", "/admin/contributions/\(hidden)/hide", json: #"{"reason":"Off topic"}"#).status == 200)
        try readUntil(#"event: removed\#ndata: {"id":\#(hidden)}"#)
        #expect(try author.send("DELETE", "/api/contributions/\(withdrawn)").status == 200)
        try readUntil(#"event: removed\#ndata: {"id":\#(withdrawn)}"#)

        let after = String(received.dropFirst(before))
        for text in ["Hidden by a facilitator", "Withdrawn by its author"] {
            #expect(!after.contains(text), "a removal never carries the text")
        }
    }
}
