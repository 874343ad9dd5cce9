// Opens and closes phases whose scheduled times have come, and releases due statistics, on a timer, using the injected clock.
import Campaigns
import Storage

/// Applies `PhaseTransitions.applySchedule` to every live campaign with a schedule, audits each
/// change (actor `schedule`, in the same transaction), then announces it as a `phase` event. `applyDue()` is the whole job; the timer only calls
/// it, so tests drive it with a `ManualClock` and no sleeping.
final class PhaseScheduler: Sendable {
    private let context: AppContext
    private let timer = RepeatingTimer(label: "groundswell.phase-scheduler")

    init(context: AppContext) {
        self.context = context
    }

    func start(intervalSeconds: Int) {
        timer.start(every: intervalSeconds, firstAfter: 0) { [weak self] in
            guard let self else { return }
            do {
                _ = try self.applyDue()
            } catch {
                self.context.log("phase schedule: \(String(reflecting: type(of: error)))")
            }
            do {
                try StatisticsRelease.releaseDue(context: self.context)
            } catch {
                self.context.log("statistics release: \(String(reflecting: type(of: error)))")
            }
        }
    }

    func stop() {
        timer.cancel()
    }

    struct Change: Sendable, Equatable {
        var campaignID: Int64
        var kind: PhaseKind
        var state: PhaseState
    }

    /// Applies every due opening and closing now; returns what changed.
    @discardableResult
    func applyDue() throws -> [Change] {
        let now = context.clock.now
        let changes = try context.database.write { connection -> [Change] in
            let store = CampaignStore(connection)
            var changes: [Change] = []
            for id in try store.scheduledCampaignIDs() {
                let (phases, applied) = PhaseTransitions.applySchedule(try store.phases(campaignID: id), now: now)
                guard !applied.isEmpty else { continue }
                try store.setPhases(campaignID: id, phases)
                let slug = try store.campaign(id: id)?.slug ?? String(id)
                for (kind, state) in applied {
                    try AuditStore(connection).append(
                        NewAuditEntry(
                            campaignID: id, actor: "schedule", action: state == .open ? .phaseOpen : .phaseClose,
                            target: "campaign:\(slug)/\(kind.rawValue)", reason: "scheduled"), now: now)
                    changes.append(Change(campaignID: id, kind: kind, state: state))
                }
            }
            return changes
        }
        for change in changes { context.publishPhase(campaignID: change.campaignID, kind: change.kind, state: change.state) }
        return changes
    }
}
