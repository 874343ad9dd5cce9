// Every refusal answers a specific code, listed in /openapi.json: driven over real HTTP into each rule's "no".
import Foundation
import Testing
@testable import App

@Suite(.serialized) struct RefusalCodeTests {
    /// The codes the Error schema of `/openapi.json` lists.
    static func documentedCodes(_ app: TestApp) throws -> Set<String> {
        let document = try app.client().send("GET", "/openapi.json").json
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let error = (schemas?["Error"] as? [String: Any])?["properties"] as? [String: Any]
        let code = ((error?["error"] as? [String: Any])?["properties"] as? [String: Any])?["code"] as? [String: Any]
        let choices = code?["oneOf"] as? [[String: Any]] ?? []
        return Set(choices.compactMap { $0["const"] as? String })
    }

    /// One refusal of each rule that used to answer a bare or borrowed code: (what, status, code, response).
    @Test func eachRuleRefusesWithItsOwnCode() throws {
        let app = try TestApp()
        defer { app.close() }
        let admin = app.staffClient(try app.addStaff("root", .admin))
        let analyst = app.staffClient(try app.addStaff("ana", .analyst))
        let author = app.client(), voter = app.client()
        try author.join()
        try voter.join()
        let idea = try author.post(question: app.understandQuestion, body: "Buses are late in the morning")
        let other = try author.post(question: app.understandQuestion, body: "The canteen closes too early")
        let comment = try voter.send("POST", "/api/contributions/\(idea)/comments", json: #"{"body":"Same here"}"#)
        let commentID = try #require(comment.json["id"] as? Int)
        let reply = try voter.send(
            "POST", "/api/contributions/\(idea)/comments", json: #"{"body":"And me","parentId":\#(commentID)}"#)
        let replyID = try #require(reply.json["id"] as? Int)

        var answers: [(String, Int, String, APIResponse)] = []
        func expect(_ what: String, _ status: Int, _ code: String, _ response: APIResponse) {
            answers.append((what, status, code, response))
        }
        expect("edit someone else's", 403, "not_author",
               try voter.send("PATCH", "/api/contributions/\(idea)", json: #"{"body":"Mine now"}"#))
        expect("edit after comments", 409, "edit_locked",
               try author.send("PATCH", "/api/contributions/\(idea)", json: #"{"body":"Changed"}"#))
        expect("reply to a reply", 422, "reply_too_deep",
               try voter.send("POST", "/api/contributions/\(idea)/comments",
                              json: #"{"body":"Deeper","parentId":\#(replyID)}"#))
        expect("reply to nothing", 422, "no_such_parent",
               try voter.send("POST", "/api/contributions/\(idea)/comments", json: #"{"body":"Hm","parentId":999999}"#))
        expect("restore a visible one", 409, "already_visible",
               try admin.send("POST", "/admin/contributions/\(other)/restore", json: #"{"reason":"Fine"}"#))
        #expect(try admin.send("POST", "/admin/contributions/\(other)/hide", json: #"{"reason":"Rude"}"#).status == 200)
        expect("hide a hidden one", 409, "already_hidden",
               try admin.send("POST", "/admin/contributions/\(other)/hide", json: #"{"reason":"Rude"}"#))
        expect("edit a hidden one", 409, "contribution_hidden",
               try author.send("PATCH", "/api/contributions/\(other)", json: #"{"body":"Nicer"}"#))
        expect("merge into itself", 422, "merge_into_itself",
               try admin.send("POST", "/admin/contributions/\(idea)/merge", json: #"{"into":\#(idea),"reason":"Same"}"#))
        #expect(try admin.send(
            "POST", "/admin/contributions/\(other)/merge", json: #"{"into":\#(idea),"reason":"Same"}"#).status == 200)
        expect("merge a merged one", 409, "contribution_merged",
               try admin.send("POST", "/admin/contributions/\(other)/merge", json: #"{"into":\#(idea),"reason":"Again"}"#))
        expect("merge into a merged one", 409, "merge_target_unavailable",
               try admin.send("POST", "/admin/contributions/\(idea)/merge", json: #"{"into":\#(other),"reason":"Back"}"#))
        expect("schedule the opening of an open phase", 409, "phase_already_run",
               try admin.send("PUT", "/admin/campaigns/test/phases/understand/schedule",
                              json: #"{"opensAt":"2030-01-01T00:00:00Z"}"#))
        expect("launch a live campaign", 409, "already_live", try admin.send("POST", "/admin/campaigns/test/launch"))
        expect("a taken slug", 409, "slug_taken",
               try admin.send("POST", "/admin/campaigns", json: #"{"slug":"test","title":"Again"}"#))
        expect("profile questions after launch", 409, "profile_questions_locked",
               try admin.send("PUT", "/admin/campaigns/test/profile-questions", json: "[]"))
        expect("a taken staff name", 409, "name_taken",
               try admin.send("POST", "/admin/staff", json: #"{"name":"ana","role":"analyst"}"#))
        expect("demote oneself", 409, "own_account",
               try admin.send("PATCH", "/admin/staff/root", json: #"{"role":"analyst"}"#))
        expect("a role without the permission", 403, "role_not_permitted",
               try analyst.send("POST", "/admin/contributions/\(idea)/hide", json: #"{"reason":"No"}"#))
        #expect(try admin.send("POST", "/admin/campaigns/test/archive").status == 200)
        expect("edit an archived campaign", 409, "campaign_archived",
               try admin.send("PATCH", "/admin/campaigns/test", json: #"{"title":"x"}"#))
        expect("moderate in an archived campaign", 409, "campaign_archived",
               try admin.send("POST", "/admin/contributions/\(idea)/hide", json: #"{"reason":"Late"}"#))

        let documented = try Self.documentedCodes(app)
        for (what, status, code, response) in answers {
            #expect(response.status == status && response.errorCode == code,
                    "\(what): \(response.status) \(response.errorCode ?? response.text)")
            #expect(documented.contains(code), "\(what): \(code) is not listed in /openapi.json")
        }
    }

    /// The document lists every code the server can answer with, each once, with its message; none is generic.
    @Test func theDocumentListsEveryCodeOnce() throws {
        let app = try TestApp()
        defer { app.close() }
        let document = try app.client().send("GET", "/openapi.json").json
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let error = (schemas?["Error"] as? [String: Any])?["properties"] as? [String: Any]
        let code = ((error?["error"] as? [String: Any])?["properties"] as? [String: Any])?["code"] as? [String: Any]
        let choices = code?["oneOf"] as? [[String: Any]] ?? []
        let codes = choices.compactMap { $0["const"] as? String }
        #expect(codes.count == Set(codes).count, "a code is listed twice")
        #expect(choices.allSatisfy { ($0["description"] as? String)?.isEmpty == false })
        #expect(!codes.contains("conflict") && !codes.contains("forbidden") && !codes.contains("locked"))
        for expected in ["phase_closed", "another_phase_open", "campaign_archived", "edit_locked", "already_flagged",
                         "code_used", "not_in_previous_round", "guide_stale", "reconciled", "role_not_permitted",
                         "validation", "not_found", "rate_limited", "internal", "payload_too_large", "request_timeout"] {
            #expect(codes.contains(expected), "\(expected) is not listed")
        }
    }

    /// An error code written as a literal anywhere in the sources (`code: "…"`, `field("code", "…")`)
    /// must be in the catalogue the document publishes, or clients would meet a code it never listed.
    @Test func everyLiteralCodeInTheSourcesIsCatalogued() throws {
        let sources = URL(fileURLWithPath: TestApp.packageRoot).appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
        let pattern = try NSRegularExpression(pattern: #"(?:code: |field\("code", )"([a-z][a-z_]*)""#)
        let catalogued = Set(ErrorCatalogue.all.map(\.code))
        var found: [String: String] = [:]
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                found[String(text[Range(match.range(at: 1), in: text)!])] = file
            }
        }
        // The codes a `var code: String { switch … }` answers (APIError, ParseError, ServerError): their
        // catalogue entries come from hand-kept example lists, so a new case could be left out of one.
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let start = rest.range(of: "var code: String {") {
                var depth = 1, end = start.upperBound
                while depth > 0, end < rest.endIndex {
                    if rest[end] == "{" { depth += 1 } else if rest[end] == "}" { depth -= 1 }
                    end = rest.index(after: end)
                }
                let block = String(rest[start.upperBound..<end])
                let literal = try NSRegularExpression(pattern: #""([a-z][a-z_]*)""#)
                for match in literal.matches(in: block, range: NSRange(block.startIndex..., in: block)) {
                    found[String(block[Range(match.range(at: 1), in: block)!])] = file
                }
                rest = rest[end...]
            }
        }
        #expect(found["unauthorized"] != nil, "the scan finds the literal codes")
        #expect(found["uri_too_long"] != nil && found["too_many_streams"] != nil, "and the codes of each error's switch")
        for (code, file) in found.sorted(by: { $0.key < $1.key }) {
            #expect(catalogued.contains(code), "\(file) answers \(code), which ErrorCatalogue does not list")
        }
    }
}
