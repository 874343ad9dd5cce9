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
}
