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
