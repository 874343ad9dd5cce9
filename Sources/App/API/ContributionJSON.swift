// How contributions and comments are written as JSON; never with an author or contributor id.
import Campaigns
import Storage

/// The caller's relation to a contribution; nil in broadcast events, which are the same for all.
struct Viewer {
    var myVote: Vote
    var mine: Bool
}

/// Offsets in a writer's bytes just past a contribution's `myVote` and `mine` values.
struct ViewerFieldEnds: Sendable {
    var myVote = 0
    var mine = 0
}

extension JSONWriter {
    /// Decimal places of a contribution's score wherever the API gives it (listings, one contribution, the
    /// vote answer, `totals` rows). The Wilson bound lies in 0...1; pages show counts, not scores, and
    /// listings are ordered by the server on the stored value, so a client needs no more. Four places
    /// are ~6 bytes written with no `String` made, where the full `Double` took ~19 and a heap
    /// allocation per score (issue 26).
    static let scorePlaces = 4

    /// A contribution's score, to `scorePlaces` decimals.
    mutating func score(_ value: Double) { decimal(value, places: Self.scorePlaces) }

    /// `{id, up, down, score[, myVote]}`: a contribution's counts, as the vote answer gives them with the
    /// caller's own vote added (open pages get theirs as rows of a `totals` event, `VoteTotals`).
    mutating func voteCounts(id: Int64, up: Int, down: Int, score: Double, myVote: Vote? = nil) {
        object { o in
            o.field("id", id)
            o.field("up", up)
            o.field("down", down)
            o.key("score")
            o.score(score)
            if let myVote { o.field("myVote", myVote.rawValue) }
        }
    }

    /// A `Contribution` of the API contract. `viewer` adds `myVote` and `mine`.
    mutating func contribution(_ c: ContributionRecord, viewer: Viewer?) {
        object { o in o.contributionFields(c, viewer: viewer) }
    }

    /// The fields of a contribution, written into an object the caller has opened.
    mutating func contributionFields(_ c: ContributionRecord, viewer: Viewer?) {
        var ends = ViewerFieldEnds()
        contributionFields(c, viewer: viewer, ends: &ends)
    }

    /// The same, noting in `ends` where the viewer's values end in `bytes` (for `RenderedListing`).
    mutating func contributionFields(_ c: ContributionRecord, viewer: Viewer?, ends: inout ViewerFieldEnds) {
        field("id", c.id)
        field("campaign", c.campaignSlug)
        field("questionId", c.questionID)
        field("phase", c.phase.rawValue)
        field("title", c.title)
        field("body", c.body)
        key("themes")
        array(c.themes) { w, id in w.int(id) }
        field("up", c.up)
        field("down", c.down)
        key("score")
        score(c.score)
        field("comments", c.commentCount)
        if let viewer {
            field("myVote", viewer.myVote.rawValue)
            ends.myVote = bytes.count
        }
        field("createdAt", ISOTime.string(c.createdAt))
        key("editedAt")
        if let edited = c.editedAt { string(ISOTime.string(edited)) } else { null() }
        field("state", c.state.rawValue)
        field("official", c.official)
        field("shortlisted", c.shortlisted)
        field("held", c.held)
        if let viewer {
            field("mine", viewer.mine)
            ends.mine = bytes.count
        }
    }

    /// A `Comment`; `replies` are written only for top-level comments.
    mutating func comment(_ c: CommentRecord, viewerID: Int64?, replies: [CommentRecord]?) {
        object { o in
            o.field("id", c.id)
            o.field("contributionId", c.contributionID)
            o.key("parentId")
            o.int(c.parentID)
            o.field("body", c.body)
            o.field("createdAt", ISOTime.string(c.createdAt))
            o.field("mine", viewerID != nil && c.contributorID == viewerID)
            o.field("official", c.official)
            o.key("replies")
            o.array(replies ?? []) { w, reply in w.comment(reply, viewerID: viewerID, replies: nil) }
        }
    }

    /// Comments as a thread: top-level ones in order, each with its replies.
    mutating func commentThread(_ comments: [CommentRecord], viewerID: Int64?) {
        let replies = Dictionary(grouping: comments.filter { $0.parentID != nil }) { $0.parentID ?? 0 }
        array(comments.filter { $0.parentID == nil }) { w, top in
            w.comment(top, viewerID: viewerID, replies: replies[top.id] ?? [])
        }
    }
}

extension ContributionRecord {
    func viewer(_ contributorID: Int64?, myVote: Vote) -> Viewer {
        Viewer(myVote: myVote, mine: contributorID != nil && self.contributorID == contributorID)
    }
}
