// Vote events are batched totals: the latest per contribution, in id order, never one per click.
import Testing
@testable import App

@Suite struct VoteTotalsTests {
    /// Everything a stream holds, as text (the `next` pull the connection would make).
    private func drain(_ stream: EventStream) -> String {
        guard case .chunk(let bytes) = stream.next(wake: {}) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func aFlushSendsEachChangedContributionsLatestTotalsOnceInIdOrder() {
        let hub = EventsHub(maxSubscribers: 4, maxPerAddress: nil, heartbeatSeconds: 3600)
        guard case .subscribed(let stream) = hub.subscribe(campaignID: 7, address: "192.0.2.1"),
              case .subscribed(let other) = hub.subscribe(campaignID: 8, address: "192.0.2.1") else {
            Issue.record("no stream")
            return
        }
        _ = drain(stream)
        _ = drain(other)
        let totals = VoteTotals(events: hub, intervalSeconds: 3600)
        totals.note(campaignID: 7, contributionID: 30, .init(up: 1, down: 0, score: 0.2))
        totals.note(campaignID: 7, contributionID: 10, .init(up: 0, down: 1, score: 0))
        totals.note(campaignID: 7, contributionID: 30, .init(up: 1, down: 1, score: 0.1))
        #expect(drain(stream).isEmpty, "nothing goes out between flushes")
        totals.flush()
        let sent = drain(stream)
        let events = sent.split(separator: "\n").filter { $0.hasPrefix("data: ") }
        #expect(events == [#"data: {"id":10,"up":0,"down":1,"score":0.0}"#, #"data: {"id":30,"up":1,"down":1,"score":0.1}"#])
        #expect(drain(other).isEmpty, "another campaign's streams hear nothing")
        totals.flush()
        #expect(drain(stream).isEmpty, "a flush with nothing noted sends nothing")
    }

    /// A flush is one buffer that every stream of the campaign holds until it sends it, not a copy
    /// per stream (with 10,000 streams open the copies were the server's memory; issue 26).
    @Test func aFlushIsOneBufferEveryStreamShares() {
        let hub = EventsHub(maxSubscribers: 4, maxPerAddress: nil, heartbeatSeconds: 3600)
        guard case .subscribed(let first) = hub.subscribe(campaignID: 7, address: "192.0.2.1"),
              case .subscribed(let second) = hub.subscribe(campaignID: 7, address: "192.0.2.2") else {
            Issue.record("no stream")
            return
        }
        _ = drain(first)
        _ = drain(second)
        let totals = VoteTotals(events: hub, intervalSeconds: 3600)
        for id in [12, 11, 13] as [Int64] { totals.note(campaignID: 7, contributionID: id, .init(up: 1, down: 0, score: 0.2)) }
        totals.flush()
        guard case .chunk(let sent) = first.next(wake: {}), case .chunk(let alsoSent) = second.next(wake: {}) else {
            Issue.record("nothing sent")
            return
        }
        #expect(sent == alsoSent)
        #expect(String(decoding: sent, as: UTF8.self).components(separatedBy: "event: votes\n").count == 4)
        #expect(sent.withUnsafeBufferPointer { $0.baseAddress } == alsoSent.withUnsafeBufferPointer { $0.baseAddress },
                "the streams hold the same bytes, not copies")
    }
}

