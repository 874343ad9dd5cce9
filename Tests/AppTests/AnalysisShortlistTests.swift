// Criteria scoring, the shortlist table, rounds and their effect on Prioritise votes, over real HTTP.
import Campaigns
import Foundation
import Testing
@testable import App

@Suite struct AnalysisShortlistTests {
    /// Two ideas posted in Answer by one contributor; two facilitators.
    private func scene() throws -> (TestApp, APIClient, APIClient, APIClient, Int64, Int64) {
        let server = try TestApp()
        try server.open(.answer)
        let author = try server.contributor()
        let first = try author.post(question: server.answerQuestion, title: "Repair café", body: "Open a repair café.")
        let second = try author.post(question: server.answerQuestion, title: "Tool library", body: "Lend tools.")
        return (server, author, try server.staff("fay", role: "facilitator"), try server.staff("finn", role: "facilitator"),
                first, second)
    }

    @Test func criteriaScoresAggregateBesideWilsonAndComments() throws {
        let (server, author, fay, finn, first, second) = try scene()
        defer { server.close() }
        let criteria = try fay.send("GET", "/admin/campaigns/test/criteria").list("criteria").compactMap { $0["key"] as? String }
        #expect(criteria == ["crowd", "doable", "building_blocks", "innovative"])
        try expectStatus(fay.send("PUT", "/admin/contributions/\(first)/scores", json: #"{"crowd":3,"doable":2}"#), 200)
        try expectStatus(finn.send("PUT", "/admin/contributions/\(first)/scores", json: #"{"crowd":1}"#), 200)
        try expectStatus(finn.send("PUT", "/admin/contributions/\(second)/scores", json: #"{"innovative":1}"#), 200)
        let tooHigh = try fay.send("PUT", "/admin/contributions/\(first)/scores", json: #"{"crowd":4}"#)
        #expect(tooHigh.status == 422 && tooHigh.errorField == "crowd")
        #expect(try fay.send("PUT", "/admin/contributions/\(first)/scores", json: #"{"taste":1}"#).status == 422)
        let analyst = try server.staff("ana", role: "analyst")
        #expect(try analyst.send("PUT", "/admin/contributions/\(first)/scores", json: #"{"crowd":1}"#).status == 403)
        try expectStatus(author.send("POST", "/api/contributions/\(second)/comments", json: #"{"body":"Yes!"}"#), 201)
        let voter = try server.contributor()
        try expectStatus(voter.send("PUT", "/api/contributions/\(second)/vote", json: #"{"value":1}"#), 200)

        let table = try fay.send("GET", "/admin/campaigns/test/shortlist")
        try expectStatus(table, 200)
        let rows = table.list("ideas")
        #expect(rows.compactMap { ($0["id"] as? Int).map(Int64.init) } == [first, second])  // total 4 before total 1
        let top = try #require(rows.first)
        let means = top["criteria"] as? [String: Any] ?? [:]
        #expect(number(means["crowd"]) == 2 && number(means["doable"]) == 2)
        #expect(means["innovative"] is NSNull)
        #expect(number(top["total"]) == 4 && top["scorers"] as? Int == 2)
        #expect((top["myScores"] as? [String: Any])?["crowd"] as? Int == 3)
        let other = rows[1]
        #expect(other["comments"] as? Int == 1 && other["up"] as? Int == 1)
        // The Wilson lower bound of 1 up, 0 down (the API writes reals to 6 significant digits).
        #expect(abs((number(other["score"]) ?? 0) - Ranking.wilsonLowerBound(up: 1, down: 0)) < 1e-5)

        // Custom criteria replace the defaults; scores on removed keys stop counting.
        try expectStatus(fay.send("PUT", "/admin/campaigns/test/criteria",
                                  json: #"{"criteria":[{"key":"cheap","label":"Cheap"},{"key":"crowd","label":"Crowd"}]}"#), 200)
        let again = try fay.send("GET", "/admin/campaigns/test/shortlist").list("ideas")
        #expect(number(again.first?["total"]) == 2)
        #expect(try fay.send("PUT", "/admin/campaigns/test/criteria", json: #"{"criteria":[]}"#).status == 422)
    }

    @Test func roundsOpenOnlyShortlistedIdeasInPrioritise() throws {
        let (server, author, fay, _, first, second) = try scene()
        defer { server.close() }
        let noReason = try fay.send("POST", "/admin/campaigns/test/shortlist/prioritise", json: #"{"contributionId":\#(first)}"#)
        #expect(noReason.status == 422 && noReason.errorField == "reason")
        let skip = try fay.send("POST", "/admin/campaigns/test/shortlist/act",
                                json: #"{"contributionId":\#(first),"reason":"Ready"}"#)
        #expect(skip.status == 409 && skip.errorCode == "not_in_previous_round")
        #expect(try fay.send("POST", "/admin/campaigns/test/shortlist/nonsense", json: "{}").status == 404)
        try expectStatus(fay.send("POST", "/admin/campaigns/test/shortlist/prioritise",
                                  json: #"{"contributionId":\#(first),"reason":"Strong support"}"#), 201)

        try server.open(.prioritise)
        #expect(try author.send("GET", "/api/contributions/\(first)").json["shortlisted"] as? Bool == true)
        #expect(try author.send("GET", "/api/contributions/\(second)").json["shortlisted"] as? Bool == false)
        let voter = try server.contributor()
        try expectStatus(voter.send("PUT", "/api/contributions/\(first)/vote", json: #"{"value":1}"#), 200)
        let refused = try voter.send("PUT", "/api/contributions/\(second)/vote", json: #"{"value":1}"#)
        #expect(refused.status == 409 && refused.errorCode == "not_shortlisted")

        let early = try fay.send("POST", "/admin/campaigns/test/shortlist/act",
                                 json: #"{"contributionId":\#(first),"reason":"Do it"}"#)
        #expect(early.status == 409 && early.errorCode == "prioritise_open")
        try server.open(.act)
        try expectStatus(fay.send("POST", "/admin/campaigns/test/shortlist/act",
                                  json: #"{"contributionId":\#(first),"reason":"Do it"}"#), 201)
        let unpublishable = try fay.send("POST", "/admin/campaigns/test/shortlist/published",
                                         json: #"{"contributionId":\#(first),"reason":"Done"}"#)
        #expect(unpublishable.status == 409 && unpublishable.errorCode == "guide_not_final")
        let rounds = try fay.send("GET", "/admin/campaigns/test/shortlist").list("ideas")
            .first { ($0["id"] as? Int).map(Int64.init) == first }?["rounds"] as? [String: Any]
        #expect(rounds?["prioritise"] as? String == "Strong support" && rounds?["act"] as? String == "Do it")

        try expectStatus(fay.send("DELETE", "/admin/campaigns/test/shortlist/prioritise/\(first)"), 200)
        #expect(try fay.send("DELETE", "/admin/campaigns/test/shortlist/prioritise/\(first)").status == 404)
    }
}
