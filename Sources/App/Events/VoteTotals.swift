// Vote counts for the event stream: each contribution's latest totals, sent at most once per interval, in id order.
import Synchronization

/// What open pages learn of voting (PRIVACY.md, adversary 5): not one event per click, which in a
/// quiet campaign lets a watcher group one person's votes by their timing and read each vote's
/// direction from the change, but each changed contribution's totals once per `interval`, in
/// contribution id order (never the order of the clicks), as one batch.
///
/// The one place vote events are made.
final class VoteTotals: Sendable {
    struct Totals: Sendable, Equatable {
        var up: Int
        var down: Int
        var score: Double
    }

    private let events: EventsHub
    private let intervalSeconds: Int
    private let timer = RepeatingTimer(label: "groundswell.events.vote-totals")
    /// Guarded by its mutex: the latest totals of each contribution changed since the last flush, by campaign.
    private let pending = Mutex<[Int64: [Int64: Totals]]>([:])

    init(events: EventsHub, intervalSeconds: Int) {
        self.events = events
        self.intervalSeconds = max(1, intervalSeconds)
    }

    func start() {
        timer.start(every: intervalSeconds, firstAfter: intervalSeconds) { [weak self] in self?.flush() }
    }

    func stop() { timer.cancel() }

    /// Notes a contribution's new totals; the next flush sends them (only the latest, if several).
    func note(campaignID: Int64, contributionID: Int64, _ totals: Totals) {
        pending.withLock { $0[campaignID, default: [:]][contributionID] = totals }
    }

    /// Sends every noted contribution's totals as `votes` events, campaign by campaign, in id order:
    /// each campaign's events as one batch its streams share (`EventsHub.publish(campaignID:frames:)`),
    /// not one publish per contribution, which took every stream's lock once per changed contribution.
    func flush() {
        let batch = pending.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        for (campaignID, byContribution) in batch.sorted(by: { $0.key < $1.key }) {
            var frames: [UInt8] = []
            frames.reserveCapacity(byContribution.count * 80)
            for (id, totals) in byContribution.sorted(by: { $0.key < $1.key }) {
                var json = JSONWriter()
                json.voteCounts(id: id, up: totals.up, down: totals.down, score: totals.score)
                EventsHub.appendFrame(event: "votes", data: json.bytes, to: &frames)
            }
            events.publish(campaignID: campaignID, frames: frames)
        }
    }
}
