// Adversary 2 of PRIVACY.md with a clock: statistics and the linked export read around joins, across releases.
import Foundation
import Storage
import Testing
import TestSupport
@testable import App

@Suite(.serialized) struct PrivacyStatisticsTests {
    private func join(_ app: TestApp, _ age: String?, count: Int = 1) throws {
        for _ in 0..<count {
            try app.client().join(json: age.map { #"{"profile":{"age":"\#($0)"}}"# } ?? "{}")
        }
    }

    /// `value` as canonical JSON (keys sorted), "none" when absent: a dictionary's description has
    /// no fixed order, so two equal answers could print differently.
    private func canonical(_ value: Any?) -> String {
        guard let value, let data = try? JSONSerialization.data(
            withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "none" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The age figures, canonical.
    private func byProfile(_ stats: APIResponse) -> String {
        canonical((stats.json["byProfile"] as? [String: Any])?["age"])
    }

    /// One join, then another day with fewer than k new joins: the figures stay those of the last
    /// release; k more joins and a midnight later they move, by at least k people.
    @Test func profileFiguresMoveOnlyByReleasesOfAtLeastKJoins() throws {
        let app = try TestApp()
        defer { app.close() }
        let org = app.staffClient(try app.addStaff("org", .organiser))
        try join(app, "Under 40", count: 6)
        try app.releaseStatistics()
        let released = try org.send("GET", "/admin/campaigns/test/stats")
        #expect(byProfile(released).contains("Under 40"))

        try join(app, "40 or over")  // the target
        let polled = try org.send("GET", "/admin/campaigns/test/stats")
        #expect(byProfile(polled) == byProfile(released))
        #expect(released.json["release"] is [String: Any])
        #expect(canonical(polled.json["release"]) == canonical(released.json["release"]))
        #expect(try app.releaseStatistics() == 0, "one new join is fewer than k: no release")
        #expect(byProfile(try org.send("GET", "/admin/campaigns/test/stats")) == byProfile(released))

        try join(app, "40 or over", count: 4)
        #expect(try app.releaseStatistics() == 1)
        let next = try org.send("GET", "/admin/campaigns/test/stats")
        #expect((next.json["release"] as? [String: Any])?["participants"] as? Int == 11)
        #expect(byProfile(next).contains("40 or over"), "five people over 40 now: a group of k")
    }

    /// No group of nobody is listed, so "small groups combined" cannot be placed by elimination.
    @Test func aSuppressedGroupHasNoZerosBesideIt() throws {
        let app = try TestApp()
        defer { app.close() }
        let org = app.staffClient(try app.addStaff("org", .organiser))
        try join(app, "Under 40", count: 9)
        try join(app, "40 or over")
        try app.releaseStatistics()
        let stats = try org.send("GET", "/admin/campaigns/test/stats")
        let age = (stats.json["byProfile"] as? [String: Any])?["age"] as? [[String: Any]] ?? []
        #expect(age.contains { $0["suppressed"] as? Bool == true })
        #expect(!age.contains { $0["count"] as? Int == 0 }, "a zero beside the suppressed group tells which it is: \(age)")
        #expect(!stats.text.contains("40 or over"))
    }

    private func linked(_ app: TestApp, token: String) throws -> APIResponse {
        try export(app, "linked", token: token)
    }

    /// One CSV export, read whole over a keep-alive connection.
    private func export(_ app: TestApp, _ table: String, token: String) throws -> APIResponse {
        let client = try RawClient(port: app.port)
        try client.send("GET /admin/campaigns/test/export/\(table).csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n")
        let response = try client.readResponse()
        return APIResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// participants.csv is the latest release, never live data: no row before the first release, rows
    /// sorted by their answers rather than by joining, every column of a suppressed row empty, the
    /// same bytes after one more join, and k rows more or none after the next release.
    @Test func theParticipantsExportIsTheReleaseSortedByAnswersAndKAnonymous() throws {
        let app = try TestApp()
        defer { app.close() }
        let organiser = try app.addStaff("org", .organiser).token
        // Joined alternately, Under 40 first; one says nothing, which suppresses that group and,
        // secondarily, the smaller shown one.
        for index in 0..<11 { try join(app, index % 2 == 0 ? "Under 40" : "40 or over") }
        #expect(rows(try export(app, "participants", token: organiser)) == [["profile", "age"]], "nothing before a release")
        try app.releaseStatistics()
        let released = try export(app, "participants", token: organiser)
        let table = rows(released)
        #expect(table.first == ["profile", "age"], "no join day or any other column beside the answers")
        let people = Array(table.dropFirst())
        #expect(people.count == 11)
        #expect(people.map { $0[1] } == Array(repeating: "40 or over", count: 5) + Array(repeating: "Under 40", count: 6),
                "rows come sorted by answers, not in the order people joined: \(people)")

        try join(app, nil)  // the target, who answers nothing
        #expect(try export(app, "participants", token: organiser).body == released.body, "one join moves nothing")
        #expect(try app.releaseStatistics() == 0)
        #expect(try export(app, "participants", token: organiser).body == released.body)

        try join(app, "Under 40", count: 4)
        #expect(try app.releaseStatistics() == 1)
        let next = Array(rows(try export(app, "participants", token: organiser)).dropFirst())
        #expect(next.count == people.count + 5, "a release moves the table by k people or more")
        #expect(next.filter { $0[0] == "shown" }.allSatisfy { $0[1] == "Under 40" })
        #expect(next.filter { $0[0] == "suppressed" }.count == 6, "the one who said nothing and, with them, the five over 40")
        #expect(next.filter { $0[0] == "suppressed" }.allSatisfy { $0.dropFirst().allSatisfy(\.isEmpty) })
        #expect(next.filter { $0[0] == "suppressed" } == Array(next.suffix(6)), "suppressed rows come last, in no order")
    }

    private func rows(_ response: APIResponse) -> [[String]] {
        response.text.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// The one linked table: admins only, in the audit log, k-anonymous, fixed between releases, and
    /// with pseudonyms that join with no other export, not even another linked one.
    @Test func theLinkedExportIsForAdminsAuditedKAnonymousAndJoinsWithNothing() throws {
        let app = try TestApp()
        defer { app.close() }
        let admin = try app.addStaff("root", .admin)
        let organiser = try app.addStaff("org", .organiser)
        // Six under 40, five over, one who did not say: the one is suppressed, and with it (secondarily)
        // the five, so only the six show.
        var authors: [APIClient] = []
        for index in 0..<12 {
            let person = app.client()
            try person.join(json: index == 11 ? "{}" : #"{"profile":{"age":"\#(index < 6 ? "Under 40" : "40 or over")"}}"#)
            _ = try person.post(question: app.understandQuestion, body: "Idea \(index)")
            authors.append(person)
        }
        _ = try authors[0].post(question: app.understandQuestion, body: "Second idea")
        #expect(try linked(app, token: organiser.token).status == 403)
        #expect(rows(try linked(app, token: admin.token)).count == 1, "nothing is linked before a release")
        try app.releaseStatistics()

        let first = rows(try linked(app, token: admin.token))
        let header = first[0]
        #expect(header == ["contribution", "phase", "question", "state", "author", "profile", "age"])
        let body = first.dropFirst()
        #expect(body.count == 13)
        #expect(body.filter { $0[5] == "shown" }.count == 7)
        #expect(body.filter { $0[5] == "shown" }.allSatisfy { $0[6] == "Under 40" })
        #expect(body.filter { $0[5] == "suppressed" }.allSatisfy { $0[6].isEmpty })
        #expect(Set(body.map { $0[4] }).count == 12, "within one export the pseudonym groups an author's ideas")

        _ = try authors[0].post(question: app.understandQuestion, body: "After the release")
        let second = rows(try linked(app, token: admin.token))
        #expect(second.count == first.count, "contributions after the release wait for the next one")
        #expect(Set(second.dropFirst().map { $0[4] }).isDisjoint(with: Set(body.map { $0[4] })),
                "two linked exports share no pseudonym")
        let campaignID = app.campaignID
        let audit = try app.app.database.read { try AuditStore($0).list(campaignID: campaignID, beforeID: nil, limit: 50) }
        #expect(audit.filter { $0.target == "linked.csv" && $0.actor == "root" }.count == 3)
    }
}
