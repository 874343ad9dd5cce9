// Every refused request answers the right status and error code and writes nothing.
import Campaigns
import Foundation
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct BadInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var method: String
        /// `{c}` is replaced by an existing contribution id, `{q}` by the Understand question id,
        /// `{a}` by the Answer question id.
        var path: String
        var body: [UInt8]
        var status: Int
        var code: String
        var field: String? = nil
        var description: String { name }

        init(_ name: String, _ method: String, _ path: String, _ body: String, _ status: Int, _ code: String, field: String? = nil) {
            self.init(name, method, path, bytes: Array(body.utf8), status, code, field: field)
        }

        init(_ name: String, _ method: String, _ path: String, bytes: [UInt8], _ status: Int, _ code: String, field: String? = nil) {
            self.name = name
            self.method = method
            self.path = path
            self.body = bytes
            self.status = status
            self.code = code
            self.field = field
        }
    }

    static let post = "/api/campaigns/test/contributions"
    static let longBody = String(repeating: "a", count: TextRules.bodyMaxCharacters + 1)
    /// Under the character limit but over the byte limit: 4-byte emoji.
    static let wideBody = String(repeating: "🙂", count: TextRules.bodyMaxBytes / 4 + 1)

    static let cases: [Case] = [
        Case("malformed JSON", "POST", post, #"{"questionId": 1, "body": "#, 400, "invalid_json"),
        Case("JSON array instead of object", "POST", post, #"[1,2]"#, 400, "invalid_json"),
        Case("invalid UTF-8", "POST", post, bytes: [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], 400, "invalid_json"),
        Case("questionId as string", "POST", post, #"{"questionId":"1","body":"x"}"#, 422, "validation", field: "questionId"),
        Case("questionId boolean", "POST", post, #"{"questionId":true,"body":"x"}"#, 422, "validation", field: "questionId"),
        Case("body as number", "POST", post, #"{"questionId":{q},"body":5}"#, 422, "validation", field: "body"),
        Case("missing body", "POST", post, #"{"questionId":{q}}"#, 422, "validation", field: "body"),
        Case("empty body", "POST", post, #"{"questionId":{q},"body":"   \n "}"#, 422, "validation", field: "body"),
        Case("body too many characters", "POST", post, #"{"questionId":{q},"body":"\#(longBody)"}"#, 422, "validation", field: "body"),
        Case("body too many bytes", "POST", post, #"{"questionId":{q},"body":"\#(wideBody)"}"#, 422, "validation", field: "body"),
        Case("title too long", "POST", post,
             #"{"questionId":{q},"title":"\#(String(repeating: "t", count: 201))","body":"ok"}"#, 422, "validation", field: "title"),
        Case("themes not a list", "POST", post, #"{"questionId":{q},"body":"ok","themes":"1"}"#, 422, "validation", field: "themes"),
        Case("unknown theme", "POST", post, #"{"questionId":{q},"body":"ok","themes":[999]}"#, 422, "validation", field: "themes"),
        Case("unknown question", "POST", post, #"{"questionId":99999,"body":"ok"}"#, 422, "validation", field: "questionId"),
        Case("answer question while Understand is open", "POST", post, #"{"questionId":{a},"body":"ok"}"#, 409, "phase_closed"),
        Case("unknown campaign", "POST", "/api/campaigns/nope/contributions", #"{"questionId":1,"body":"ok"}"#, 404, "not_found"),
        Case("vote value 2", "PUT", "/api/contributions/{c}/vote", #"{"value":2}"#, 422, "validation", field: "value"),
        Case("vote value string", "PUT", "/api/contributions/{c}/vote", #"{"value":"1"}"#, 422, "validation", field: "value"),
        Case("vote value fraction", "PUT", "/api/contributions/{c}/vote", #"{"value":0.5}"#, 422, "validation", field: "value"),
        Case("vote value 2^64 - 1, which wrapped to a down-vote", "PUT", "/api/contributions/{c}/vote",
             #"{"value":18446744073709551615}"#, 422, "validation", field: "value"),
        Case("vote value 2^63, which wrapped to Int64.min", "PUT", "/api/contributions/{c}/vote",
             #"{"value":9223372036854775808}"#, 422, "validation", field: "value"),
        Case("vote value beyond 64 bits", "PUT", "/api/contributions/{c}/vote", #"{"value":100000000000000000001}"#,
             422, "validation", field: "value"),
        Case("vote on unknown contribution", "PUT", "/api/contributions/99999/vote", #"{"value":1}"#, 404, "not_found"),
        Case("vote on non-numeric id", "PUT", "/api/contributions/abc/vote", #"{"value":1}"#, 404, "not_found"),
        Case("empty comment", "POST", "/api/contributions/{c}/comments", #"{"body":""}"#, 422, "validation", field: "body"),
        Case("comment too long", "POST", "/api/contributions/{c}/comments",
             #"{"body":"\#(String(repeating: "c", count: 2001))"}"#, 422, "validation", field: "body"),
        Case("reply to unknown comment", "POST", "/api/contributions/{c}/comments", #"{"body":"hi","parentId":99999}"#,
             422, "no_such_parent", field: "parentId"),
        Case("flag without reason", "POST", "/api/contributions/{c}/flags", #"{}"#, 422, "validation", field: "reason"),
        Case("edit with wrong type", "PATCH", "/api/contributions/{c}", #"{"body":["x"]}"#, 422, "validation", field: "body"),
        Case("join with unknown profile key", "POST", "/api/campaigns/test/join", #"{"profile":{"shoe":"9"}}"#,
             422, "validation", field: "profile.shoe"),
        Case("join with unknown choice", "POST", "/api/campaigns/test/join", #"{"profile":{"age":"ancient"}}"#,
             422, "validation", field: "profile.age"),
        Case("sort unknown", "GET", "/api/campaigns/test/contributions?sort=best", "", 422, "validation", field: "sort"),
        Case("limit zero", "GET", "/api/campaigns/test/contributions?limit=0", "", 422, "validation", field: "limit"),
        Case("unknown route method", "DELETE", "/api/campaigns/test", "", 405, "method_not_allowed"),
    ]

    @Test(arguments: cases)
    func refusedAndNothingWritten(_ badCase: Case) throws {
        let server = try TestApp()
        defer { server.close() }
        let author = server.client()
        try author.join()
        let contribution = try author.post(question: server.understandQuestion, body: "An existing contribution")
        let caller = server.client()
        try caller.join()
        let before = try server.rowCounts()

        let path = badCase.path.replacingOccurrences(of: "{c}", with: String(contribution))
        var body = badCase.body
        if let text = String(validating: body, as: UTF8.self) {
            body = Array(text.replacingOccurrences(of: "{q}", with: String(server.understandQuestion))
                .replacingOccurrences(of: "{a}", with: String(server.answerQuestion)).utf8)
        }
        let response = try caller.send(badCase.method, path, body: body, bearer: !path.hasSuffix("/join"))
        #expect(response.status == badCase.status, "\(response.text)")
        #expect(response.errorCode == badCase.code)
        if let field = badCase.field { #expect(response.errorField == field) }
        #expect(try server.rowCounts() == before)
    }

    @Test func actionsInAClosedPhaseAreRefused() throws {
        let server = try TestApp()
        defer { server.close() }
        let alice = server.client()
        try alice.join()
        let id = try alice.post(question: server.understandQuestion, body: "Before the phase closed")
        var phases = Phase.initial
        phases[0].state = .closed
        try server.setPhases(phases)
        let before = try server.rowCounts()
        let post = try alice.send(
            "POST", "/api/campaigns/test/contributions", json: #"{"questionId":\#(server.understandQuestion),"body":"late"}"#)
        #expect(post.status == 409 && post.errorCode == "phase_closed")
        let vote = try alice.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":1}"#)
        #expect(vote.status == 409 && vote.errorCode == "phase_closed")
        let comment = try alice.send("POST", "/api/contributions/\(id)/comments", json: #"{"body":"late"}"#)
        #expect(comment.status == 409 && comment.errorCode == "phase_closed")
        #expect(try server.rowCounts() == before)
        let permissions = try alice.send("GET", "/api/campaigns/test").json["permissions"] as? [String: Any]
        #expect(permissions?["contribute"] as? String == "phase_closed")
    }

    /// Votes keep their campaign's phases between votes on the writer (`VoteSnapshots`): closing
    /// and reopening the phase must reach the very next vote all the same.
    @Test func aPhaseChangeReachesTheNextVote() throws {
        let server = try TestApp()
        defer { server.close() }
        let alice = server.client()
        try alice.join()
        let id = try alice.post(question: server.understandQuestion, body: "Voted on across a phase change")
        let vote = { (value: Int) in try alice.send("PUT", "/api/contributions/\(id)/vote", json: #"{"value":\#(value)}"#) }
        #expect(try vote(1).status == 200)
        var phases = Phase.initial
        phases[0].state = .closed
        try server.setPhases(phases)
        let refused = try vote(-1)
        #expect(refused.status == 409 && refused.errorCode == "phase_closed")
        phases[0].state = .open
        try server.setPhases(phases)
        let again = try vote(-1)
        #expect(again.status == 200 && again.json["myVote"] as? Int == -1 && again.json["down"] as? Int == 1)
    }

    @Test func unauthenticatedWritesAreRefused() throws {
        let server = try TestApp()
        defer { server.close() }
        let stranger = server.client()
        let before = try server.rowCounts()
        let post = try stranger.send(
            "POST", "/api/campaigns/test/contributions", json: #"{"questionId":\#(server.understandQuestion),"body":"x"}"#)
        #expect(post.status == 401 && post.errorCode == "unauthorized")
        stranger.token = "forged-token"
        #expect(try stranger.send("GET", "/api/me?campaign=test").status == 401)
        #expect(try server.rowCounts() == before)
    }
}
