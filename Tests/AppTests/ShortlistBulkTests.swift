// Shortlisting in bulk over real HTTP: a table of scores in one request, ideas selected into and out of rounds many at a time.
import Foundation
import Testing
@testable import App

@Suite struct ShortlistBulkTests {
    @Test func aTableOfScoresAndASelectionOfIdeasTakeOneRequestEach() throws {
        let server = try TestApp()
        defer { server.close() }
        let understand = try server.contributor().post(question: server.understandQuestion, body: "Not an idea")
        try server.open(.answer)
        let author = try server.contributor()
        let ideas = try (1...5).map { try author.post(question: server.answerQuestion, title: "Idea \($0)", body: "Do thing \($0)") }
        let fay = try server.staff("fay", role: "facilitator")

        let scores = ideas.enumerated().map { #"{"contributionId":\#($1),"scores":{"crowd":\#($0 % 4),"doable":3}}"# }
        let saved = try fay.send("PUT", "/admin/campaigns/test/scores", json: #"{"items":[\#(scores.joined(separator: ","))]}"#)
        try expectStatus(saved, 200)
        #expect(saved.json["done"] as? Int == 5)
        let table = try fay.send("GET", "/admin/campaigns/test/shortlist").list("ideas")
        #expect(table.first.map { ($0["id"] as? Int).map(Int64.init) } == ideas[3], "crowd 3 + doable 3 is the best total")
        let bad = try fay.send("PUT", "/admin/campaigns/test/scores",
                               json: #"{"items":[{"contributionId":\#(ideas[0]),"scores":{"crowd":1}},{"contributionId":\#(ideas[1]),"scores":{"crowd":7}}]}"#)
        #expect(bad.status == 422 && bad.errorField == "items[1].scores.crowd", "\(bad.text)")
        #expect((try fay.send("GET", "/admin/campaigns/test/shortlist").list("ideas").first { ($0["id"] as? Int).map(Int64.init) == ideas[0] }?["myScores"] as? [String: Int])?["crowd"] == 0,
                "a refused table saves nothing")

        let selected = try fay.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                    json: #"{"ids":[\#(ideas[0]),\#(ideas[1]),\#(ideas[2]),\#(understand)],"reason":"Top scores"}"#)
        try expectStatus(selected, 200)
        #expect(selected.json["done"] as? Int == 3)
        #expect(selected.list("skipped").map { $0["code"] as? String } == ["not_an_idea"])
        let act = try fay.send("POST", "/admin/campaigns/test/shortlist/act", json: #"{"ids":[\#(ideas[0]),\#(ideas[4])],"reason":"Doable now"}"#)
        #expect(act.json["done"] as? Int == 1 && act.list("skipped").first?["code"] as? String == "not_in_previous_round")
        let removed = try fay.send("POST", "/admin/campaigns/test/unshortlist/prioritise", json: #"{"ids":[\#(ideas[0]),\#(ideas[3])]}"#)
        #expect(removed.json["done"] as? Int == 1 && removed.list("skipped").first?["id"] as? Int == Int(ideas[3]))
        let rounds = try fay.send("GET", "/admin/campaigns/test/shortlist").list("ideas")
            .filter { !($0["rounds"] as? [String: Any] ?? [:]).isEmpty }.compactMap { ($0["id"] as? Int).map(Int64.init) }.sorted()
        #expect(rounds == [ideas[1], ideas[2]], "removing from Prioritise took idea 1 out of Act too")
        let audit = try server.staffClient(try server.addStaff("root", .admin)).send("GET", "/admin/audit?campaign=test").list("items")
        #expect(audit.filter { ($0["action"] as? String ?? "").hasPrefix("shortlist") }.count == 4)
        #expect(try server.staff("ana", role: "analyst").send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                                          json: #"{"ids":[\#(ideas[3])],"reason":"x"}"#).status == 403)
    }
}
