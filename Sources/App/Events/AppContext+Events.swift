// What handlers announce to open pages after a write: new contributions, counts, removals, phases.
import Campaigns
import Storage

extension AppContext {
    /// Sends a contribution to open pages — only a visible one: whatever a staff action did, the text
    /// of a hidden, pending, withdrawn or merged contribution never goes out (PRIVACY.md, adversary 5).
    func publishContribution(_ record: ContributionRecord) {
        switch record.state {
        case .visible: break
        case .hidden, .pending, .withdrawn, .merged: return
        }
        var json = JSONWriter()
        json.contribution(record, viewer: nil)
        events.publish(campaignID: record.campaignID, event: "contribution", data: json.bytes)
    }

    /// Tells open pages to drop a contribution the crowd may no longer see (hidden, auto-hidden by
    /// reports, withdrawn, merged). The event carries the id alone, never the text.
    func publishRemoval(campaignID: Int64, contributionID: Int64) {
        var json = JSONWriter()
        json.object { o in o.field("id", contributionID) }
        events.publish(campaignID: campaignID, event: "removed", data: json.bytes)
    }

    func publishVotes(campaignID: Int64, _ tally: VoteTally) {
        publishCounts(campaignID: campaignID, id: tally.id, up: tally.up, down: tally.down, score: tally.score)
    }

    /// New totals for a contribution whose counts changed without a vote (merge, undo).
    func publishCounts(_ record: ContributionRecord) {
        publishCounts(campaignID: record.campaignID, id: record.id, up: record.up, down: record.down, score: record.score)
    }

    /// Vote totals reach open pages batched per interval (`VoteTotals`), never one event per vote.
    private func publishCounts(campaignID: Int64, id: Int64, up: Int, down: Int, score: Double) {
        voteTotals.note(campaignID: campaignID, contributionID: id, .init(up: up, down: down, score: score))
    }

    func publishCommentCount(campaignID: Int64, contributionID: Int64, comments: Int) {
        var json = JSONWriter()
        json.object { o in
            o.field("contributionId", contributionID)
            o.field("comments", comments)
        }
        events.publish(campaignID: campaignID, event: "comment", data: json.bytes)
    }

    func publishPhase(campaignID: Int64, kind: PhaseKind, state: PhaseState) {
        var json = JSONWriter()
        json.object { o in
            o.field("phase", kind.rawValue)
            o.field("state", state.rawValue)
        }
        events.publish(campaignID: campaignID, event: "phase", data: json.bytes)
    }
}
