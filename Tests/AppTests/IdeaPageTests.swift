// /c/{slug}/ideas/{id}: a page per idea with a link preview, and the HTML 404 page for every idea the crowd does not see.
import Foundation
import Storage
import Testing
import TestSupport
@testable import App

@Suite struct IdeaPageTests {
    @Test func aVisibleIdeaHasItsPageWithItsTitleAndTheStartOfItsText() throws {
        let app = try TestApp()
        defer { app.close() }
        let author = app.client()
        try author.join()
        let id = try author.post(question: app.understandQuestion, title: "Evening GP appointments",
                                 body: "Working parents cannot get to the surgery before six.")
        let page = try app.client().send("GET", "/c/test/ideas/\(id)")
        #expect(page.status == 200)
        #expect(page.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains(#"<meta property="og:title" content="Evening GP appointments – Test campaign">"#))
        #expect(page.text.contains(#"<meta property="og:description" content="Working parents cannot get to the surgery before six.">"#))
        #expect(page.text.contains("<title>Evening GP appointments – Test campaign</title>"))
        #expect(!page.text.contains(IdeaPageHead.marker), "the marker is replaced")
        #expect(page.text.contains(#"src="/js/idea.js""#), "the shell fills in the rest")
    }

    @Test func theTagsCarryTheIdeaAsTextNeverAsMarkup() throws {
        let app = try TestApp()
        defer { app.close() }
        let author = app.client()
        try author.join()
        let id = try author.post(question: app.understandQuestion, title: #"<script>alert("x")</script> & 'more'"#,
                                 body: #""><img src=x onerror=alert(1)>"#)
        let page = try app.client().send("GET", "/c/test/ideas/\(id)").text
        #expect(!page.contains("<script>alert") && !page.contains("<img src=x"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;"))
        #expect(page.contains(#"content="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;""#))
    }

    @Test func everyIdeaTheCrowdDoesNotSeeIsThePageNotFound() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let author = app.client()
        try author.join()
        let hidden = try author.post(question: app.understandQuestion, body: "Hidden by a facilitator, secret words")
        let withdrawn = try author.post(question: app.understandQuestion, body: "Withdrawn by its author, secret words")
        #expect(try fac.send("POST", "/admin/contributions/\(hidden)/hide", json: #"{"reason":"Off topic"}"#).status == 200)
        #expect(try author.send("DELETE", "/api/contributions/\(withdrawn)").status == 200)
        for path in ["/c/test/ideas/\(hidden)", "/c/test/ideas/\(withdrawn)", "/c/test/ideas/999999", "/c/test/ideas/0",
                     "/c/test/ideas/abc", "/c/test/ideas/-3", "/c/nope/ideas/\(hidden)"] {
            // Even its author is not shown a hidden or withdrawn idea's page: the page is for sharing.
            for reader in [app.client(), author] {
                let response = try reader.send("GET", path)
                #expect(response.status == 404, "\(path)")
                #expect(response.headers["Content-Type"]?.hasPrefix("text/html") == true, "\(path)")
                #expect(response.text.contains("Page not found") && !response.text.contains("secret words"), "\(path)")
            }
        }
    }

    @Test func aMergedDuplicatesLinkLeadsToTheIdeaItWasMergedIntoUntilTheMergeIsUndone() throws {
        let app = try TestApp()
        defer { app.close() }
        let fac = app.staffClient(try app.addStaff("fac", .facilitator))
        let author = app.client()
        try author.join()
        let kept = try author.post(question: app.understandQuestion, title: "Evening clinics", body: "Open until eight")
        let middle = try author.post(question: app.understandQuestion, title: "Late clinics", body: "Open later")
        let first = try author.post(question: app.understandQuestion, title: "After-work clinics", body: "Open after work")
        func merge(_ source: Int64, into target: Int64) throws {
            #expect(try fac.send("POST", "/admin/contributions/\(source)/merge",
                                 json: #"{"into":\#(target),"reason":"Duplicate"}"#).status == 200)
        }
        try merge(first, into: middle)
        try merge(middle, into: kept)
        // A link shared before either merge follows the chain to where the idea lives now.
        for source in [first, middle] {
            let moved = try app.client().send("GET", "/c/test/ideas/\(source)")
            #expect(moved.status == 302, "\(source)")
            #expect(moved.headers["Location"] == "/c/test/ideas/\(kept)", "\(source)")
        }
        #expect(try fac.send("POST", "/admin/contributions/\(middle)/unmerge", json: #"{"reason":"Not the same"}"#).status == 200)
        #expect(try app.client().send("GET", "/c/test/ideas/\(middle)").status == 200)
        #expect(try app.client().send("GET", "/c/test/ideas/\(first)").headers["Location"] == "/c/test/ideas/\(middle)")
        // Merged into an idea the crowd no longer sees: nothing to lead to.
        #expect(try fac.send("POST", "/admin/contributions/\(middle)/hide", json: #"{"reason":"Off topic"}"#).status == 200)
        let gone = try app.client().send("GET", "/c/test/ideas/\(first)")
        #expect(gone.status == 404 && gone.headers["Location"] == nil)
    }

    @Test func anIdeaOfAnotherCampaignIsNotFoundUnderThisOne() throws {
        let app = try TestApp()
        defer { app.close() }
        let now = app.clock.now
        _ = try app.app.database.write { connection in
            try CampaignStore(connection).create(
                NewCampaign(slug: "other", title: "Other", summary: "", description: "", state: .live, access: .open,
                            pseudonymSecret: [9]), now: now)
        }
        let author = app.client()
        try author.join()
        let id = try author.post(question: app.understandQuestion, body: "Belongs to the test campaign")
        #expect(try app.client().send("GET", "/c/other/ideas/\(id)").status == 404)
        #expect(try app.client().send("GET", "/c/test/ideas/\(id)").status == 200)
    }

    @Test func aHeldIdeaKeepsItsPageButNotItsWordsInThePreview() throws {
        let app = try TestApp()
        defer { app.close() }
        let author = app.client()
        try author.join()
        let id = try author.post(question: app.understandQuestion, title: "Reported title", body: "Reported words")
        let now = app.clock.now
        _ = try app.app.database.write { connection in try FlagStore(connection).hold(contributionID: id, now: now) }
        let page = try app.client().send("GET", "/c/test/ideas/\(id)")
        #expect(page.status == 200)
        #expect(!page.text.contains("Reported title") && !page.text.contains("Reported words"))
        #expect(page.text.contains(#"<meta property="og:title" content="An idea – Test campaign">"#))
    }

    @Test func anInviteOnlyCampaignShowsOutsidersTheCampaignAloneWhateverTheId() throws {
        let app = try TestApp(access: .invite)
        defer { app.close() }
        try app.addInvites(["WARD-7"])
        let member = app.client()
        #expect(try member.join(json: #"{"code":"WARD-7"}"#).status == 201)
        let id = try member.post(question: app.understandQuestion, title: "Private title", body: "The night shift rota is unsafe")
        let outsider = app.client()
        let known = try outsider.send("GET", "/c/test/ideas/\(id)")
        let unknown = try outsider.send("GET", "/c/test/ideas/999999")
        #expect(known.status == 200 && unknown.status == 200, "an outsider cannot tell which ideas exist")
        #expect(known.text == unknown.text)
        #expect(!known.text.contains("Private title") && !known.text.contains("night shift"))
        let mine = try member.send("GET", "/c/test/ideas/\(id)")
        #expect(mine.status == 200 && mine.text.contains("Private title"))
        #expect(try member.send("GET", "/c/test/ideas/999999").status == 404)
    }

    @Test func theIdeaAnswerNamesOnlyAPublishedGuide() throws {
        let app = try TestApp()
        defer { app.close() }
        let author = app.client()
        try author.join()
        let id = try author.post(question: app.understandQuestion, body: "An idea without a guide")
        let detail = try app.client().send("GET", "/api/contributions/\(id)")
        #expect(detail.status == 200 && detail.json.keys.contains("guide") && detail.json["guide"] is NSNull)
    }
}

@Suite struct IdeaPageHeadTests {
    @Test(arguments: [
        ("one two three", "one two three"),
        ("one two three four five six seven eight nine", "one two three four five six seven eight…"),
        ("   ", "Untitled idea"),
    ])
    func anUntitledIdeaIsHeadedByItsFirstWords(_ body: String, _ expected: String) {
        #expect(IdeaPageHead.headline(body) == expected)
    }

    @Test func aLongTextIsCutAtAWordWithAnEllipsis() {
        let text = String(repeating: "word ", count: 100)
        let short = IdeaPageHead.shortened(text)
        #expect(short.count <= IdeaPageHead.descriptionLimit && short.hasSuffix("word…"))
        #expect(IdeaPageHead.shortened("two\nlines") == "two lines")
    }

    @Test func fillingReplacesTheMarkerAndThePlaceholderTitle() {
        let head = IdeaPageHead(title: "A & B", description: "x")
        let filled = head.filling("<head>\n  <!--idea-head--><title>An idea</title>\n</head>")
        #expect(filled?.contains("<title>A &amp; B</title>") == true)
        #expect(filled?.contains("An idea") == false && filled?.contains(IdeaPageHead.marker) == false)
        #expect(head.filling("<head></head>") == nil)
    }
}
