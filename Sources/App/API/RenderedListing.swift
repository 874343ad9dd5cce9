// A contribution page rendered once for everyone, then given each caller's own votes.
import Campaigns
import Storage

/// What decides a listing page's bytes apart from the caller: the route's slug and query.
struct ListingKey: Hashable, Sendable {
    var slug: String
    var sort: ContributionSort
    var limit: Int
    var question: Int?
    var theme: Int?
    var cursor: String?
    var text: String?
    /// `true`: the shortlist only (the latest round up to Act); `false`: everything else; nil: both.
    var shortlisted: Bool? = nil
}

/// A page of contributions as an anonymous caller gets it (`"myVote":0`, `"mine":false` in every
/// item), with where those two values sit, so a caller with a token gets their own page by copying
/// the bytes and swapping the values: no SQL beyond their votes on the page's ids, no JSON encoding.
struct RenderedListing: Sendable {
    /// One item's caller-specific values: `bytes[myVoteEnd - 1]` is the `0` of `"myVote":0` and
    /// `bytes[mineEnd - 5 ..< mineEnd]` the `false` of `"mine":false`.
    struct Slot: Sendable {
        var contributionID: Int64
        var authorID: Int64?
        var myVoteEnd: Int
        var mineEnd: Int
    }

    var campaignID: Int64
    /// The campaign was invite-only when the page was rendered: only its contributors may have it.
    var membersOnly: Bool
    var bytes: [UInt8]
    var slots: [Slot]

    /// Renders `page` for no one in particular.
    init(campaignID: Int64, membersOnly: Bool, page: ContributionPage) {
        var json = JSONWriter(capacity: 1024 + 640 * page.items.count)
        var slots: [Slot] = []
        slots.reserveCapacity(page.items.count)
        json.object { o in
            o.key("items")
            o.array(page.items) { w, item in
                var ends = ViewerFieldEnds()
                w.object { w in w.contributionFields(item, viewer: Viewer(myVote: .neither, mine: false), ends: &ends) }
                slots.append(Slot(contributionID: item.id, authorID: item.contributorID, myVoteEnd: ends.myVote, mineEnd: ends.mine))
            }
            o.field("nextCursor", page.next.map(CursorCodec.encode))
        }
        self.campaignID = campaignID
        self.membersOnly = membersOnly
        self.bytes = json.bytes
        self.slots = slots
    }

    /// Bytes held, for the cache's bound.
    var cost: Int { bytes.count + slots.count * MemoryLayout<Slot>.stride + 64 }

    var contributionIDs: [Int64] { slots.map(\.contributionID) }

    /// The page as `viewerID` sees it: `votes` (contribution id → up or down) and their own items marked.
    func personalised(viewerID: Int64, votes: [Int64: Vote]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8 * slots.count)
        var copied = 0
        bytes.withUnsafeBufferPointer { source in
            for slot in slots {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<(slot.myVoteEnd - 1)]))
                switch votes[slot.contributionID] ?? .neither {
                case .up: out.append(UInt8(ascii: "1"))
                case .down: out.append(contentsOf: "-1".utf8)
                case .neither: out.append(UInt8(ascii: "0"))
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: source[slot.myVoteEnd..<(slot.mineEnd - 5)]))
                out.append(contentsOf: (slot.authorID == viewerID ? "true" : "false").utf8)
                copied = slot.mineEnd
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied...]))
        }
        return out
    }
}
