// Starting many guides and marking many final in one request each (issue 20), over real HTTP: refused ideas and guides
// are skipped with their codes, the rest done in one transaction, each mark audited.
import Foundation
import Testing
import TestSupport
@testable import App
import Storage

@Suite struct GuideBulkTests {
    /// Three ideas in Answer; the first two taken through prioritise into act, the third left in prioritise.
    private func scene() throws -> (TestApp, APIClient, [Int64], APIClient) {
        let server = try TestApp()
        let facilitator = try server.staff("fay", role: "facilitator")
        try server.open(.answer)
        let author = try server.contributor()
        var ideas: [Int64] = []
        for n in 1...3 {
            let posted = try author.send("POST", "/api/campaigns/test/contributions", json:
                #"{"questionId":\#(server.answerQuestion),"title":"Idea \#(n)","body":"Do thing \#(n)."}"#)
            try expectStatus(posted, 201)
            ideas.append(Int64(posted.json["id"] as? Int ?? 0))
        }
        try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                          json: #"{"ids":[\#(ideas.map(String.init).joined(separator: ","))],"reason":"Popular"}"#), 200)
        try server.open(.act)
        try expectStatus(facilitator.send("POST", "/admin/campaigns/test/shortlist/act",
                                          json: #"{"ids":[\#(ideas[0]),\#(ideas[1])],"reason":"Feasible"}"#), 200)
        return (server, facilitator, ideas, author)
    }

    @Test func guidesOfManyActIdeasStartInOneRequest() throws {
        let (server, facilitator, ideas, _) = try scene()
        defer { server.close() }
        let started = try facilitator.send("POST", "/admin/campaigns/test/guides",
                                           json: #"{"ids":[\#(ideas[0]),\#(ideas[1]),\#(ideas[2]),999999]}"#)
        try expectStatus(started, 200)
        #expect(started.json["done"] as? Int == 2)
        #expect(started.list("guides").map { $0["title"] as? String } == ["Idea 1", "Idea 2"])
        #expect(started.list("skipped").map { $0["code"] as? String } == ["not_in_act_round", "not_found"])
        let again = try facilitator.send("POST", "/admin/campaigns/test/guides", json: #"{"ids":[\#(ideas[0])]}"#)
        #expect(again.json["done"] as? Int == 0 && again.list("skipped").first?["code"] as? String == "guide_exists")
        let listed = try facilitator.send("GET", "/admin/campaigns/test/guides").list("guides")
        #expect(listed.count == 2)
        #expect(try facilitator.send("POST", "/admin/campaigns/test/guides", json: #"{"ids":[]}"#).status == 422)
        let analyst = try server.staff("ann", role: "analyst")
        #expect(try analyst.send("POST", "/admin/campaigns/test/guides", json: #"{"ids":[\#(ideas[0])]}"#).status == 403)
    }

    /// Starting a guide is an act the audit log records, one entry a guide, through the single route and the bulk one
    /// alike; a refused idea leaves no entry.
    @Test func startingGuidesIsAuditedAloneAndInBulk() throws {
        let (server, facilitator, ideas, _) = try scene()
        defer { server.close() }
        let admin = try server.staff("root", role: "admin")
        let started = { () throws -> [[String: Any]] in
            try admin.send("GET", "/admin/audit?campaign=test").items
                .filter { $0["action"] as? String == "guide_start" }
        }
        let one = try facilitator.send("POST", "/admin/contributions/\(ideas[0])/guide")
        try expectStatus(one, 201)
        let first = Int64(one.json["id"] as? Int ?? 0)
        #expect(try facilitator.send("POST", "/admin/contributions/\(ideas[2])/guide").status == 409)  // not in act
        let entries = try started()
        #expect(entries.map { $0["target"] as? String } == ["guide:\(first)"])
        #expect(entries.first?["actor"] as? String == "fay" && entries.first?["reason"] as? String == "idea \(ideas[0])")

        let many = try facilitator.send("POST", "/admin/campaigns/test/guides",
                                        json: #"{"ids":[\#(ideas[0]),\#(ideas[1]),\#(ideas[2])]}"#)
        try expectStatus(many, 200)
        #expect(many.json["done"] as? Int == 1)
        let second = many.ids("guides", "id")
        #expect(try started().map { $0["target"] as? String ?? "" }.sorted() == ["guide:\(first)", "guide:\(second[0])"].sorted())
    }

    @Test func manyGuidesAreMarkedFinalInOneRequestEachAudited() throws {
        let (server, facilitator, ideas, author) = try scene()
        defer { server.close() }
        let guides = try facilitator.send("POST", "/admin/campaigns/test/guides", json: #"{"ids":[\#(ideas[0]),\#(ideas[1])]}"#)
            .ids("guides", "id")
        // Only the first has text; an empty guide cannot be final.
        try expectStatus(author.send("PUT", "/api/guides/\(guides[0])", json:
            #"{"revision":0,"title":"Idea 1","sections":{"problem":"It is hard.","whatToDo":"Do it."}}"#), 200)
        let marked = try facilitator.send("POST", "/admin/campaigns/test/guides/final",
                                          json: #"{"ids":[\#(guides[0]),\#(guides[1])]}"#)
        try expectStatus(marked, 200)
        #expect(marked.json["done"] as? Int == 1)
        #expect(marked.list("skipped").map { $0["code"] as? String } == ["empty_guide"])
        #expect(try facilitator.send("GET", "/admin/guides/\(guides[0])").json["final"] as? Bool == true)
        #expect(try facilitator.send("GET", "/admin/guides/\(guides[1])").json["final"] as? Bool == false)
        let audit = try server.staff("root", role: "admin").send("GET", "/admin/audit?campaign=test").items
        #expect(audit.filter { $0["action"] as? String == "guide_final" }.map { $0["target"] as? String } == ["guide:\(guides[0])"])
        let reopened = try facilitator.send("POST", "/admin/campaigns/test/guides/final", json: #"{"ids":[\#(guides[0])],"final":false}"#)
        #expect(reopened.json["done"] as? Int == 1)
        #expect(try facilitator.send("GET", "/admin/guides/\(guides[0])").json["final"] as? Bool == false)
    }
}
