// Reporting comments, and the contributor's own record of what they reported (so their page keeps saying "Reported").
import Foundation
import Testing
import TestSupport
@testable import App

@Suite struct CommentReportTests {
    /// An author's idea with one comment by someone else, and a third contributor to report it.
    private func scene(_ app: TestApp) throws -> (idea: Int64, comment: Int64, reporter: APIClient) {
        let author = app.client(), commenter = app.client(), reporter = app.client()
        for client in [author, commenter, reporter] { try client.join() }
        let idea = try author.post(question: app.understandQuestion, body: "The car park is always full")
        let posted = try commenter.send("POST", "/api/contributions/\(idea)/comments", json: #"{"body":"Rude words here"}"#)
        guard posted.status == 201, let comment = posted.json["id"] as? Int else { throw TestFailure("comment: \(posted.text)") }
        return (idea, Int64(comment), reporter)
    }

    @Test func aCommentIsReportedOnceAndWaitsInTheModerationQueueWithItsReason() throws {
        let app = try TestApp()
        defer { app.close() }
        let (_, comment, reporter) = try scene(app)
        let first = try reporter.send("POST", "/api/comments/\(comment)/flags", json: #"{"reason":"other: shouts at a named nurse"}"#)
        #expect(first.status == 201)
        let again = try reporter.send("POST", "/api/comments/\(comment)/flags", json: #"{"reason":"spam"}"#)
        #expect(again.status == 409 && again.errorCode == "already_flagged")
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let queue = try fac.send("GET", "/admin/campaigns/test/moderation")
        #expect(queue.status == 200)
        #expect(queue.text.contains("other: shouts at a named nurse") && queue.text.contains("Rude words here"))
    }

    @Test func reportingACommentNeedsAJoinedContributorAndAVisibleComment() throws {
        let app = try TestApp()
        defer { app.close() }
        let (_, comment, _) = try scene(app)
        let stranger = app.client()
        #expect(try stranger.send("POST", "/api/comments/\(comment)/flags", json: #"{"reason":"spam"}"#).status == 401)
        let member = app.client()
        try member.join()
        #expect(try member.send("POST", "/api/comments/999999/flags", json: #"{"reason":"spam"}"#).status == 404)
        #expect(try member.send("POST", "/api/comments/\(comment)/flags", json: #"{"reason":""}"#).status == 422)
    }

    @Test func theContributorsOwnRecordSaysWhatTheyReportedAndNobodyElsesDoes() throws {
        let app = try TestApp()
        defer { app.close() }
        let (idea, comment, reporter) = try scene(app)
        #expect(try reporter.send("POST", "/api/contributions/\(idea)/flags", json: #"{"reason":"spam"}"#).status == 201)
        #expect(try reporter.send("POST", "/api/comments/\(comment)/flags", json: #"{"reason":"offensive"}"#).status == 201)
        let mine = try reporter.send("GET", "/api/me?campaign=test")
        let reported = mine.json["reported"] as? [String: Any]
        #expect(reported?["contributions"] as? [Int] == [Int(idea)])
        #expect(reported?["comments"] as? [Int] == [Int(comment)])
        let other = app.client()
        try other.join()
        let theirs = try other.send("GET", "/api/me?campaign=test").json["reported"] as? [String: Any]
        #expect(theirs?["contributions"] as? [Int] == [] && theirs?["comments"] as? [Int] == [])
    }
}
