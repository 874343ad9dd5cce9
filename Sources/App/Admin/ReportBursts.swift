// When the last hour's reports came, in memory only: the burst signal of the moderation queue.
import Campaigns
import Synchronization

/// Reports are stored with their day alone (PRIVACY.md: a report's moment is a moment of its
/// reporter's activity), so the minutes that tell a brigade from a slow trickle are kept here, in
/// memory, for an hour: per campaign, which contribution was reported when, and never by whom. A
/// restart forgets them, which loses an hour's signal and nothing else.
final class ReportBursts: Sendable {
    /// Most reports remembered per campaign (the flag rate limits keep a real hour far below it).
    static let perCampaign = 20_000

    /// Guarded by its mutex: campaign id → its last hour's reports (contribution, moment), oldest first.
    private let recent = Mutex<[Int64: [(contributionID: Int64, at: Int64)]]>([:])

    func note(campaignID: Int64, contributionID: Int64, now: Int64) {
        recent.withLock { recent in
            var reports = recent[campaignID, default: []]
            reports.removeAll { now - $0.at >= ReportSignals.campaignWindow }
            if reports.count >= Self.perCampaign { reports.removeFirst(reports.count - Self.perCampaign + 1) }
            reports.append((contributionID, now))
            recent[campaignID] = reports
        }
    }

    /// The campaign's reports of the last hour at `now`: every moment, and the moments by contribution.
    func lastHour(campaignID: Int64, now: Int64) -> (all: [Int64], byContribution: [Int64: [Int64]]) {
        let reports = recent.withLock { recent in
            let kept = (recent[campaignID] ?? []).filter { now - $0.at < ReportSignals.campaignWindow }
            recent[campaignID] = kept.isEmpty ? nil : kept
            return kept
        }
        return (reports.map(\.at), Dictionary(grouping: reports, by: \.contributionID).mapValues { $0.map(\.at) })
    }
}
