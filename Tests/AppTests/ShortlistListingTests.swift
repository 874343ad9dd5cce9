// `?shortlisted=` on the listing: Prioritise leads with the shortlist, and the rest is a separate, read-only list.
import Foundation
import Testing
import TestSupport
@testable import App

@Suite struct ShortlistListingTests {
    @Test func theListingKeepsTheShortlistOrEverythingElse() throws {
        let app = try TestApp()
        defer { app.close() }
        try app.open(.answer)
        let fac = try app.staff("fay", role: "facilitator")
        let author = try app.contributor()
        let chosen = try author.post(question: app.answerQuestion, body: "Chosen for the shortlist")
        let other = try author.post(question: app.answerQuestion, body: "Not chosen")
        try expectStatus(fac.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                  json: #"{"contributionId":\#(chosen),"reason":"Popular"}"#), 201)
        try app.open(.prioritise)
        func ids(_ query: String) throws -> [Int] {
            let response = try app.client().send("GET", "/api/campaigns/test/contributions\(query)")
            #expect(response.status == 200, "\(query): \(response.text)")
            return ((response.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
        }
        #expect(try ids("?shortlisted=true") == [Int(chosen)])
        #expect(try ids("?shortlisted=false") == [Int(other)])
        #expect(Set(try ids("")) == [Int(chosen), Int(other)])
        #expect(try ids("?shortlisted=true&sort=random") == [Int(chosen)])
        let bad = try app.client().send("GET", "/api/campaigns/test/contributions?shortlisted=yes")
        #expect(bad.status == 422 && bad.errorField == "shortlisted")
    }

    /// The method: 17 chosen in Act, the best 15 published. Publishing a guide must not drop the two
    /// still waiting for theirs from "The chosen ideas" (their authors were told the team chose them).
    @Test func publishingAGuideDoesNotNarrowTheChosenIdeas() throws {
        let app = try TestApp()
        defer { app.close() }
        try app.open(.answer)
        let fac = try app.staff("fay", role: "facilitator")
        let author = try app.contributor()
        let ideas = try (1...3).map { try author.post(question: app.answerQuestion, body: "Idea number \($0)") }
        for idea in ideas {
            try expectStatus(fac.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                      json: #"{"contributionId":\#(idea),"reason":"Popular"}"#), 201)
        }
        try app.open(.act)
        for idea in ideas.prefix(2) {
            try expectStatus(fac.send("POST", "/admin/campaigns/test/shortlist/act",
                                      json: #"{"contributionId":\#(idea),"reason":"Feasible"}"#), 201)
        }
        let guide = try fac.send("POST", "/admin/contributions/\(ideas[0])/guide")
        try expectStatus(guide, 201)
        let guideID = guide.json["id"] as? Int ?? 0
        try expectStatus(author.send("PUT", "/api/guides/\(guideID)", json:
            #"{"revision":0,"title":"Idea number 1","sections":{"problem":"Why","whatToDo":"How"}}"#), 200)
        try expectStatus(fac.send("POST", "/admin/guides/\(guideID)/final", json: "{}"), 200)
        try expectStatus(fac.send("POST", "/admin/campaigns/test/shortlist/published",
                                  json: #"{"contributionId":\#(ideas[0]),"reason":"Ready"}"#), 201)
        func ids(_ query: String) throws -> Set<Int> {
            let response = try app.client().send("GET", "/api/campaigns/test/contributions\(query)")
            #expect(response.status == 200, "\(query): \(response.text)")
            return Set(((response.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int })
        }
        #expect(try ids("?shortlisted=true") == [Int(ideas[0]), Int(ideas[1])], "both chosen in Act, one with its guide out")
        #expect(try ids("?shortlisted=false") == [Int(ideas[2])])
        let waiting = try app.client().send("GET", "/api/contributions/\(ideas[1])")
        #expect(waiting.json["shortlisted"] as? Bool == true)
    }
}
