// sort=random: each contributor pages through a stable permutation of every visible contribution.
import Foundation
import Testing
@testable import App
import Storage

@Suite(.serialized) struct RandomListingTests {
    private func allPages(_ client: APIClient, limit: Int) throws -> [Int] {
        var seen: [Int] = []
        var cursor = ""
        for _ in 0..<100 {
            let page = try client.send("GET", "/api/campaigns/test/contributions?sort=random&limit=\(limit)&cursor=\(cursor)")
            #expect(page.status == 200)
            seen += page.items.compactMap { $0["id"] as? Int }
            guard let next = page.json["nextCursor"] as? String else { return seen }
            cursor = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? next
        }
        Issue.record("pagination did not end")
        return seen
    }

    @Test func pagesAreAStablePermutationPerContributor() throws {
        let server = try TestApp()
        defer { server.close() }
        let alice = server.client(), bob = server.client()
        try alice.join()
        try bob.join()
        let (campaignID, question) = (server.campaignID, server.understandQuestion)
        let posted = try server.app.database.write { connection in
            try (1...130).map { n in
                try ContributionStore(connection).insert(
                    NewContribution(campaignID: campaignID, questionID: question, contributorID: nil, phase: .understand,
                                    title: nil, body: "Idea number \(n) about the buses"), now: 1_795_000_000).id
            }
        }
        let everything = Set(posted.map(Int.init))

        let alicePages = try allPages(alice, limit: 50)
        #expect(alicePages.count == 130 && Set(alicePages) == everything, "no duplicates, no misses")
        #expect(try allPages(alice, limit: 50) == alicePages, "stable across requests")
        #expect(try allPages(alice, limit: 7) == alicePages, "the same order whatever the page size")

        let bobPages = try allPages(bob, limit: 50)
        #expect(Set(bobPages) == everything)
        #expect(bobPages != alicePages, "each contributor has their own order")
        #expect(alicePages != posted.map(Int.init) && alicePages != posted.reversed().map(Int.init))
    }
}

/// The ids a random page permutes are kept across votes (issue 26: re-reading every matching id
/// after each vote batch was half the mixed workload), and still follow every other write.
@Suite(.serialized) struct RandomListingVersionTests {
    private static let random = "/api/campaigns/test/contributions?sort=random&limit=50"
    private static let idsKey = ListingKey(slug: "test", sort: .random, limit: 0, question: nil, theme: nil, cursor: nil, text: nil)

    private func ids(_ response: APIResponse) -> Set<Int> { Set(response.items.compactMap { $0["id"] as? Int }) }

    @Test func votesKeepTheMatchingIdsAndOtherWritesReplaceThem() throws {
        let server = try TestApp()
        defer { server.close() }
        let context = server.app.context
        let fac = server.staffClient(try server.addStaff("fac", .facilitator))
        let alice = server.client(), bob = server.client()
        try alice.join()
        try bob.join()
        let first = try alice.post(question: server.understandQuestion, body: "Buses are late every morning")
        let second = try alice.post(question: server.understandQuestion, body: "Trains are cancelled without notice")
        #expect(ids(try bob.send("GET", Self.random)) == [Int(first), Int(second)])
        let kept = context.database.nonVoteVersion
        #expect(context.shuffleIDs.value(for: Self.idsKey, version: kept) == [first, second])

        let dataVersion = context.database.dataVersion
        #expect(try bob.send("PUT", "/api/contributions/\(first)/vote", json: #"{"value":1}"#).status == 200)
        #expect(context.database.dataVersion > dataVersion, "the vote committed")
        #expect(context.database.nonVoteVersion == kept, "a vote is no reason to read the ids again")
        let afterVote = try bob.send("GET", Self.random)
        #expect(afterVote.items.first { $0["id"] as? Int == Int(first) }?["up"] as? Int == 1, "counts are read per page")
        #expect(afterVote.items.first { $0["id"] as? Int == Int(first) }?["myVote"] as? Int == 1)

        #expect(try fac.send("POST", "/admin/contributions/\(first)/hide", json: #"{"reason":"Off topic"}"#).status == 200)
        #expect(context.database.nonVoteVersion > kept)
        #expect(ids(try bob.send("GET", Self.random)) == [Int(second)])
        let third = try bob.post(question: server.understandQuestion, body: "Cycle lanes end suddenly")
        #expect(ids(try alice.send("GET", Self.random)) == [Int(second), Int(third)])
    }
}
