// The listing caches: a hit serves the same bytes, every relevant write invalidates, the size stays bounded.
import Foundation
import Testing
@testable import App
import Storage
import Synchronization

@Suite(.serialized) struct ListingCacheTests {
    private static let top = "/api/campaigns/test/contributions?sort=top&limit=50"

    private func ids(_ response: APIResponse) -> [Int] {
        response.items.compactMap { $0["id"] as? Int }
    }

    /// The page as the uncached code wrote it: every item with the viewer's own vote and authorship.
    private func freshRender(_ server: TestApp, viewerToken: String) throws -> [UInt8] {
        let campaignID = server.campaignID
        let (page, viewerID, votes) = try server.app.database.read { connection in
            let viewer = try ContributorStore(connection).contributor(token: viewerToken, campaignID: campaignID, key: server.app.context.key)
            let page = try ContributionStore(connection).list(ContributionQuery(campaignID: campaignID, sort: .top, limit: 50))
            let votes = try VoteStore(connection).myVotes(contributionIDs: page.items.map(\.id), contributorID: viewer?.id ?? 0)
            return (page, viewer?.id, votes)
        }
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(page.items) { w, item in w.contribution(item, viewer: item.viewer(viewerID, myVote: votes[item.id] ?? .neither)) }
            o.field("nextCursor", page.next.map(CursorCodec.encode))
        }
        return json.bytes
    }

    @Test func hitServesTheSameBytesAndPersonalises() throws {
        let server = try TestApp()
        defer { server.close() }
        let alice = server.client(), bob = server.client()
        try alice.join()
        try bob.join()
        let mine = try alice.post(question: server.understandQuestion, body: "Buses are late every morning")
        let theirs = try bob.post(question: server.understandQuestion, body: "Trains are cancelled without notice")
        try alice.send("PUT", "/api/contributions/\(theirs)/vote", json: #"{"value":-1}"#)
        try bob.send("PUT", "/api/contributions/\(mine)/vote", json: #"{"value":1}"#)

        let anonymous = server.client()
        let first = try anonymous.send("GET", Self.top)
        #expect(server.app.context.listingPages.usage.entries == 1)
        let second = try anonymous.send("GET", Self.top)
        #expect(first.status == 200 && first.body == second.body)
        #expect(first.items.allSatisfy { $0["myVote"] as? Int == 0 && $0["mine"] as? Bool == false })

        for client in [alice, bob] {
            let token = try #require(client.token)
            let served = try client.send("GET", Self.top)
            #expect(served.body == (try freshRender(server, viewerToken: token)))
        }
        let forAlice = try alice.send("GET", Self.top).items
        #expect(forAlice.first { $0["id"] as? Int == Int(mine) }?["mine"] as? Bool == true)
        #expect(forAlice.first { $0["id"] as? Int == Int(theirs) }?["myVote"] as? Int == -1)
    }

    @Test func votesHidesAndNewContributionsInvalidate() throws {
        let server = try TestApp()
        defer { server.close() }
        let fac = server.staffClient(try server.addStaff("fac", .facilitator))
        let alice = server.client(), bob = server.client(), reader = server.client()
        try alice.join()
        try bob.join()
        let first = try alice.post(question: server.understandQuestion, body: "Buses are late every morning")
        let second = try alice.post(question: server.understandQuestion, body: "Trains are cancelled without notice")
        #expect(ids(try reader.send("GET", Self.top)) == [Int(second), Int(first)])

        try bob.send("PUT", "/api/contributions/\(first)/vote", json: #"{"value":1}"#)
        let afterVote = try reader.send("GET", Self.top)
        #expect(ids(afterVote) == [Int(first), Int(second)])
        #expect(afterVote.items.first?["up"] as? Int == 1)

        #expect(try fac.send("POST", "/admin/contributions/\(first)/hide", json: #"{"reason":"Off topic"}"#).status == 200)
        #expect(ids(try reader.send("GET", Self.top)) == [Int(second)])

        let third = try bob.post(question: server.understandQuestion, body: "Cycle lanes end suddenly")
        #expect(Set(ids(try reader.send("GET", Self.top))) == [Int(second), Int(third)])
    }

    @Test func cacheStaysWithinItsLimits() {
        let cache = VersionedCache<Int, [UInt8]>(limits: .init(maxEntries: 3, maxBytes: 100)) { $0.count }
        for key in 0..<10 { cache.store([UInt8](repeating: 0, count: 20), for: key, version: 1) }
        #expect(cache.usage.entries == 3 && cache.usage.bytes == 60)
        #expect(cache.value(for: 9, version: 1) != nil && cache.value(for: 0, version: 1) == nil)

        _ = cache.value(for: 7, version: 1)  // 7 is now the most recently used
        cache.store([UInt8](repeating: 0, count: 60), for: 10, version: 1)
        #expect(cache.usage.bytes <= 100)
        #expect(cache.value(for: 7, version: 1) != nil && cache.value(for: 8, version: 1) == nil)

        cache.store([UInt8](repeating: 0, count: 101), for: 11, version: 1)
        #expect(cache.value(for: 11, version: 1) == nil, "a value above maxBytes is not stored")

        cache.store([1], for: 12, version: 2)
        #expect(cache.usage.entries == 1, "entries of older versions are dropped")
        #expect(cache.value(for: 12, version: 1) == nil && cache.value(for: 12, version: 3) == nil)
        cache.store([2], for: 12, version: 1)
        #expect(cache.value(for: 12, version: 2) == [1], "an older value never replaces a newer one")
    }

    /// Callers that miss while the value is being computed wait for it instead of computing it too:
    /// after a write, every request in flight used to re-read and re-render the same page.
    @Test func aMissIsComputedOncePerVersionWhoeverAsks() {
        let cache = VersionedCache<Int, [UInt8]>(limits: .init(maxEntries: 8, maxBytes: 1000)) { $0.count }
        let computed = Mutex(0)
        let values = Mutex<[Int: [UInt8]]>([:])
        let firstStarted = DispatchSemaphore(value: 0), secondAsking = DispatchSemaphore(value: 0)
        let both = DispatchGroup()
        both.enter()
        DispatchQueue.global().async {
            let value = cache.value(for: 1, version: 5) { () -> [UInt8] in
                computed.withLock { $0 += 1 }
                firstStarted.signal()
                secondAsking.wait()  // the second caller has asked, or is about to
                return [7]
            }
            values.withLock { $0[1] = value }
            both.leave()
        }
        firstStarted.wait()
        both.enter()
        DispatchQueue.global().async {
            secondAsking.signal()
            let value = cache.value(for: 1, version: 5) { () -> [UInt8] in
                computed.withLock { $0 += 1 }
                return [8]
            }
            values.withLock { $0[2] = value }
            both.leave()
        }
        both.wait()
        #expect(computed.withLock { $0 } == 1)
        #expect(values.withLock { $0 } == [1: [7], 2: [7]], "the second caller gets the first one's value")
        #expect(cache.value(for: 1, version: 6) { [9] } == [9], "a new version is computed again")
    }

    @Test func aFailedComputationStoresNothing() {
        struct Failure: Error {}
        let cache = VersionedCache<Int, [UInt8]>(limits: .init(maxEntries: 8, maxBytes: 1000)) { $0.count }
        #expect(throws: Failure.self) { try cache.value(for: 1, version: 1) { () throws -> [UInt8] in throw Failure() } }
        #expect(cache.value(for: 1, version: 1) == nil)
        #expect(cache.value(for: 1, version: 1) { [3] } == [3])
    }
}
