// A contributor's own address and the blind messages it makes possible, over real HTTP with the demo's preview
// mailbox: what the contributor sees, what staff see (nothing about who or whether), what the file holds.
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite struct MailOptInTests {
    private static let address = "Night.Nurse@ward7.example.org"

    /// A live campaign whose mail goes to the preview mailbox, a facilitator and an author in Answer.
    private struct Scene {
        let server: TestApp
        let facilitator: APIClient
        let author: APIClient
        let idea: Int64

        init() throws {
            server = try TestApp { $0.mailPreview = true }
            facilitator = try server.staff("fay", role: "facilitator")
            try server.open(.answer)
            author = try server.contributor()
            idea = try author.post(question: server.answerQuestion, title: "Night shuttle", body: "A shuttle from the car park.")
        }

        /// What the preview mailbox was really handed (blanks are shown there too, marked for tests only).
        var preview: [PreviewMailbox.Preview] { (server.app.context.mailPreview?.messages ?? []).filter { !$0.blank } }
        var shown: [PreviewMailbox.Preview] { server.app.context.mailPreview?.messages ?? [] }

        /// The outbox is empty: every queued message was handled (sent, or a blank).
        func drained() -> Bool {
            server.eventually {
                (try? server.app.database.read { try OutboxStore($0).backlog() }) == 0
            }
        }

        /// Every byte of the database file and its WAL, as the insider holding them reads them.
        func fileBytes() throws -> Data {
            var bytes = Data()
            for suffix in ["", "-wal"] {
                let path = server.directory + "/test.sqlite" + suffix
                if FileManager.default.fileExists(atPath: path) { bytes += try Data(contentsOf: URL(fileURLWithPath: path)) }
            }
            return bytes
        }
    }

    private func setAddress(_ client: APIClient, _ address: String, announcements: Bool = false, alerts: Bool = true) throws -> APIResponse {
        try client.send("PUT", "/api/campaigns/test/mail-address",
                        json: #"{"address":\#(quote(address)),"announcements":\#(announcements),"alerts":\#(alerts)}"#)
    }

    @Test func anAddressIsTheContributorsOwnToReadAndErase() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let none = try scene.author.send("GET", "/api/campaigns/test/mail-address")
        try expectStatus(none, 200)
        #expect(none.json["address"] is NSNull && none.json["alerts"] as? Bool == false)
        let set = try setAddress(scene.author, Self.address, announcements: true)
        try expectStatus(set, 200)
        #expect(set.json["address"] as? String == Self.address && set.json["announcements"] as? Bool == true)
        #expect(set.headers["Cache-Control"] == "no-store")
        #expect(try scene.author.send("GET", "/api/campaigns/test/mail-address").json["address"] as? String == Self.address)
        // Nobody else reads it: another contributor, a stranger, staff.
        let other = try scene.server.contributor()
        #expect(try other.send("GET", "/api/campaigns/test/mail-address").json["address"] is NSNull)
        #expect(try scene.server.client().send("GET", "/api/campaigns/test/mail-address").status == 401)
        // Erased at once, and gone from the table.
        let erased = try scene.author.send("DELETE", "/api/campaigns/test/mail-address")
        #expect(erased.json["erased"] as? Bool == true)
        #expect(try scene.author.send("GET", "/api/campaigns/test/mail-address").json["address"] is NSNull)
        #expect(try scene.author.send("DELETE", "/api/campaigns/test/mail-address").json["erased"] as? Bool == false)
        let rows = try scene.server.app.database.read { try $0.queryOne("SELECT count(*) FROM contributor_addresses") { row -> Int in row.int(0) } }
        #expect(rows == 0)
    }

    @Test func anAddressThatAsksForNothingOrIsNoAddressIsRefused() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        let nothing = try setAddress(scene.author, Self.address, announcements: false, alerts: false)
        #expect(nothing.status == 422 && nothing.errorCode == "nothing_asked_for")
        let bad = try setAddress(scene.author, "not an address")
        #expect(bad.status == 422 && bad.errorField == "address")
        #expect(!bad.text.contains("not an address"))
    }

    /// The insider with the database file and its WAL: no address in any form, before or after erasure.
    @Test func theDatabaseFileHoldsNoAddressInAnyForm() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try expectStatus(setAddress(scene.author, Self.address, announcements: true), 200)
        let local = String(Self.address.split(separator: "@")[0])
        for form in [Self.address, Self.address.lowercased(), local, local.lowercased(), "ward7.example.org"] {
            let bytes = try scene.fileBytes()
            #expect(bytes.range(of: Data(form.utf8)) == nil, "\(form) is in the file")
            #expect(bytes.range(of: form.data(using: .utf16LittleEndian) ?? Data()) == nil, "\(form) is in the file as UTF-16")
        }
        // Every contributor's seal is as long as every other's: its length says nothing about the address.
        try expectStatus(setAddress(try scene.server.contributor(), "a@b.co"), 200)
        let lengths = try scene.server.app.database.read {
            try $0.query("SELECT DISTINCT length(sealed) FROM contributor_addresses") { row -> Int in row.int(0) }
        }
        #expect(lengths.count == 1)
    }

    /// The facilitator writes to the author of two ideas, one whose author opted in and one whose did
    /// not: the answers are the same, the queue and the counts the same; only the opted-in author's
    /// message reaches the relay (here the preview mailbox).
    @Test func aBlindMessageReachesOnlyAnAuthorWhoOptedInAndTellsStaffNothing() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try expectStatus(setAddress(scene.author, Self.address), 200)
        let silent = try scene.server.contributor()
        let unreachable = try silent.post(question: scene.server.answerQuestion, title: "Bike shed", body: "Somewhere dry.")
        var answers: [String] = []
        for idea in [scene.idea, unreachable] {
            let response = try scene.facilitator.send(
                "POST", "/admin/contributions/\(idea)/message", json: #"{"subject":"About your idea","text":"Could you say more?"}"#)
            try expectStatus(response, 202)
            answers.append(response.text)
        }
        #expect(answers[0] == answers[1])
        #expect(scene.drained())
        #expect(scene.preview.count == 1)
        #expect(scene.preview.first?.subject == "About your idea")
        #expect(scene.preview.first?.text.contains("Could you say more?") == true)
        #expect(scene.preview.first?.text.contains("Night shuttle") == false, "the message does not name the idea")
        // The demo's preview, which a facilitator reads, shows the blank as the same message.
        #expect(scene.shown.count == 2 && scene.shown[0].subject == scene.shown[1].subject && scene.shown[0].text == scene.shown[1].text)
        let status = try scene.facilitator.send("GET", "/admin/campaigns/test/mail")
        let outcomes = status.list("outcomes")
        #expect(outcomes.count == 1 && outcomes.first?["outcome"] as? String == "handled" && outcomes.first?["count"] as? Int == 2)
        #expect(!status.text.contains("ward7") && !status.text.contains("Nurse"))
        let audit = try scene.server.app.database.read {
            try $0.query("SELECT reason || target FROM audit_log WHERE action = 'mail_author_message'") { $0.text(0) }
        }
        #expect(audit.count == 2 && audit.allSatisfy { !$0.contains("ward7") })
        // A message without text is refused before anything is queued.
        let empty = try scene.facilitator.send("POST", "/admin/contributions/\(scene.idea)/message", json: #"{"text":"  "}"#)
        #expect(empty.status == 422 && empty.errorField == "text")
        // Analysts may not write to authors.
        let analyst = try scene.server.staff("ana", role: "analyst")
        #expect(try analyst.send("POST", "/admin/contributions/\(scene.idea)/message", json: #"{"text":"Hi"}"#).status == 403)
    }

    /// After erasing the address, a message queued before it finds nobody and is not sent.
    @Test func anErasedAddressGetsNothingQueuedBefore() throws {
        let scene = try Scene()
        defer { scene.server.close() }
        try expectStatus(setAddress(scene.author, Self.address), 200)
        scene.server.app.context.mail.stop()
        try expectStatus(scene.facilitator.send("POST", "/admin/contributions/\(scene.idea)/message", json: #"{"text":"Hello"}"#), 202)
        try expectStatus(scene.author.send("DELETE", "/api/campaigns/test/mail-address"), 200)
        scene.server.app.context.mail.start()
        #expect(scene.drained())
        #expect(scene.preview.isEmpty)
    }
}
