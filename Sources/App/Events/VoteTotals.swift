// Vote counts for the event stream: each contribution's latest totals, sent at most once per interval, in id order.
import Synchronization

/// What open pages learn of voting (PRIVACY.md, adversary 5): not one event per click, which in a
/// quiet campaign lets a watcher group one person's votes by their timing and read each vote's
/// direction from the change, but each changed contribution's totals once per `interval`, in
/// contribution id order (never the order of the clicks), as one `totals` event whose data is
/// `[[id, up, down, score], …]` (score to `JSONWriter.scorePlaces` decimals).
///
/// One event of rows, not one `{id, up, down, score}` event per contribution: at the issue-26 target
/// rate a busy interval changes thousands of contributions, and ~75 bytes each outgrew a stream's
/// backlog (`EventsHub.maxBacklog`), ending every stream at every flush; a row is ~20 bytes.
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

    /// Sends every noted contribution's totals, campaign by campaign: one `totals` event each, its rows
    /// in id order, one buffer the campaign's streams share (`EventsHub.publish(campaignID:frames:)`).
    func flush() {
        let batch = pending.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        for (campaignID, byContribution) in batch.sorted(by: { $0.key < $1.key }) {
            var json = JSONWriter(capacity: byContribution.count * 24 + 2)
            json.array(byContribution.sorted(by: { $0.key < $1.key })) { w, entry in
                let (id, totals) = entry
                w.beginArray()
                w.int(id)
                w.int(totals.up)
                w.int(totals.down)
                w.score(totals.score)
                w.endArray()
            }
            var frame: [UInt8] = []
            frame.reserveCapacity(json.bytes.count + 24)
            EventsHub.appendFrame(event: "totals", data: json.bytes, to: &frame)
            events.publish(campaignID: campaignID, frames: frame)
        }
    }
}
