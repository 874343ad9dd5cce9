// Candidate themes over HTTP: a facilitator drafting a codebook sees groups with words and quotes, and shapes them.
import Foundation
import Testing
@testable import App

@Suite struct AssistCandidatesTests {
    @Test func aDraftingFacilitatorSeesCandidatesWithQuotes() throws {
        let scene = try AssistScene(count: 150)
        defer { scene.close() }
        let draft = try scene.fay.send("GET", "/admin/campaigns/test/coding/candidates")
        try expectStatus(draft, 200)
        let items = draft.list("items")
        #expect(items.count >= 3)
        let bodies = try scene.server.app.database.read { connection in
            try connection.query("SELECT body FROM contributions") { $0.text(0) }
        }
        var sizes = 0
        for item in items {
            let words = item["words"] as? [String] ?? []
            let quotes = item["quotes"] as? [String] ?? []
            let size = item["size"] as? Int ?? 0
            #expect(!words.isEmpty && words.count <= 8)
            #expect((1...3).contains(quotes.count))
            #expect(quotes.allSatisfy(bodies.contains), "quotes are contributions' words, verbatim")
            #expect(size >= 3)
            #expect(item["state"] as? String == "open")
            sizes += size
        }
        let total = draft.json["total"] as? Int, uncovered = draft.json["uncovered"] as? Int
        #expect(total == 150)
        #expect(uncovered == 150 - sizes, "each contribution is in one candidate or uncovered")
        // The same seed gives the same candidates; a stored draft is answered as stored.
        let again = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates", json: #"{"seed":1}"#)
        try expectStatus(again, 201)
        #expect(again.list("items").map { $0["words"] as? [String] ?? [] } == items.map { $0["words"] as? [String] ?? [] })
        #expect(again.list("items").map { $0["size"] as? Int } == items.map { $0["size"] as? Int })
        // Analysts do not draft the codebook.
        #expect(try scene.ana.send("GET", "/admin/campaigns/test/coding/candidates").status == 403)
    }

    @Test func facilitatorsMergeSplitDiscardAndName() throws {
        let scene = try AssistScene(count: 150)
        defer { scene.close() }
        let draft = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates", json: #"{"groups":6,"seed":3}"#)
        try expectStatus(draft, 201)
        #expect(draft.json["groups"] as? Int == 6)
        let ids = draft.ids("items", "id"), sizes = draft.list("items").map { $0["size"] as? Int ?? 0 }
        #expect(ids.count >= 3)

        let merged = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates/merge",
                                        json: #"{"ids":[\#(ids[0]),\#(ids[1])]}"#)
        try expectStatus(merged, 200)
        #expect(merged.list("items").count == ids.count - 1)
        #expect(merged.list("items").first?["size"] as? Int == sizes[0] + sizes[1])
        let mergedID = try require_(merged.ids("items", "id").first)

        let split = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates/\(mergedID)/split")
        try expectStatus(split, 200)
        #expect(split.list("items").count == ids.count)
        #expect(split.list("items").prefix(2).map { $0["size"] as? Int ?? 0 }.reduce(0, +) == sizes[0] + sizes[1])

        let target = try require_(split.ids("items", "id").last)
        let before = split.json["uncovered"] as? Int ?? 0
        let targetSize = split.list("items").last?["size"] as? Int ?? 0
        let discarded = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates/\(target)/discard")
        try expectStatus(discarded, 200)
        #expect(discarded.json["discarded"] as? Int == 1)
        #expect(discarded.json["uncovered"] as? Int == before + targetSize)
        #expect(!discarded.ids("items", "id").contains(target))
        #expect(discarded.ids("discardedItems", "id") == [target])
        #expect(discarded.list("discardedItems").first?["size"] as? Int == targetSize)
        let twice = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates/\(target)/discard")
        #expect(twice.status == 409 && twice.errorCode == "candidate_closed")
        try expectStatus(scene.fay.send("POST", "/admin/campaigns/test/coding/candidates/\(target)/restore"), 200)

        let named = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates/\(target)/theme",
                                       json: #"{"name":"Found in the data","kind":"barrier"}"#)
        try expectStatus(named, 201)
        let themeID = try require_(named.json["id"] as? Int)
        let codebook = try scene.fay.send("GET", "/admin/campaigns/test/themes").list("themes")
        #expect(codebook.contains { $0["id"] as? Int == themeID && $0["name"] as? String == "Found in the data" })
        let after = try scene.fay.send("GET", "/admin/campaigns/test/coding/candidates")
        let row = try require_(after.list("items").first { ($0["id"] as? Int).map(Int64.init) == target })
        #expect(row["state"] as? String == "named" && row["themeId"] as? Int == themeID)
        let renamed = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates/\(target)/theme", json: #"{"name":"Again"}"#)
        #expect(renamed.status == 409 && renamed.errorCode == "candidate_closed")

        let members = try scene.fay.send("GET", "/admin/campaigns/test/coding/candidates/\(target)/members")
        try expectStatus(members, 200)
        #expect(members.list("members").count == targetSize)
        #expect(try scene.fay.send("GET", "/admin/campaigns/test/coding/candidates/999999/members").status == 404)
        let badGroups = try scene.fay.send("POST", "/admin/campaigns/test/coding/candidates", json: #"{"groups":1}"#)
        #expect(badGroups.status == 422 && badGroups.errorField == "groups")
    }

    /// Words and quotes are read from the current text: a redacted contribution's words leave at once.
    @Test func redactedTextLeavesTheCandidates() throws {
        let scene = try AssistScene(count: 150)
        defer { scene.close() }
        let draft = try scene.fay.send("GET", "/admin/campaigns/test/coding/candidates")
        let quoted = try require_(draft.list("items").first?["quoteIds"] as? [Int])
        let quote = try require_(draft.list("items").first?["quotes"] as? [String]).first ?? ""
        try expectStatus(scene.fay.send("POST", "/admin/contributions/\(quoted[0])/redact",
                                        json: #"{"body":"[removed by a moderator]","reason":"names a colleague"}"#), 200)
        let after = try scene.fay.send("GET", "/admin/campaigns/test/coding/candidates")
        #expect(!after.text.contains(quote))
    }

    @Test func nothingToGroupWithoutContributions() throws {
        let server = try TestApp()
        defer { server.close() }
        let fay = try server.staff("fay", role: "facilitator")
        let empty = try fay.send("GET", "/admin/campaigns/test/coding/candidates")
        #expect(empty.status == 409 && empty.errorCode == "nothing_to_group")
    }
}
