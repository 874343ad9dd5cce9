// How a facilitator (or the schedule) opens and closes phases: one at a time, in order.

/// Pure phase transitions. Every result holds exactly four phases in campaign order.
///
/// Invariant kept: at most one phase is open, and the phases before it are closed.
public enum PhaseTransitions {
    /// Opens `kind`. A pending phase opens when every earlier phase is closed and no phase is open.
    /// A closed phase re-opens only if it is the latest closed one, no later phase has opened, and
    /// `reason` is not blank; re-opening clears its `closesAt`, so the schedule does not close it again
    /// at once (the caller sets a new one if wanted).
    public static func open(_ kind: PhaseKind, in phases: [Phase], reason: String?) -> Result<[Phase], TransitionRefusal> {
        var result = phases.normalised
        let index = kind.position
        switch result[index].state {
        case .open: return .failure(.alreadyOpen)
        case .pending, .closed: break
        }
        if result.contains(where: { $0.state == .open }) { return .failure(.anotherPhaseOpen) }
        let earlierClosed = result[..<index].allSatisfy { $0.state == .closed }
        let laterPending = result[(index + 1)...].allSatisfy { $0.state == .pending }
        guard earlierClosed, laterPending else { return .failure(.outOfOrder) }
        if result[index].state == .closed {
            guard let reason, !TextRules.normalise(reason).isEmpty else { return .failure(.reasonRequired) }
            result[index].closesAt = nil
        }
        result[index].state = .open
        return .success(result)
    }

    /// Closes `kind`, which must be open.
    public static func close(_ kind: PhaseKind, in phases: [Phase]) -> Result<[Phase], TransitionRefusal> {
        var result = phases.normalised
        let index = kind.position
        switch result[index].state {
        case .open:
            result[index].state = .closed
            return .success(result)
        case .pending, .closed:
            return .failure(.notOpen)
        }
    }

    /// Applies opens_at / closes_at that are due at `now`; returns the new phases and the changes made (for events).
    ///
    /// An open phase whose `closesAt <= now` closes; a pending phase whose `opensAt <= now` opens if
    /// `open` would allow it. This repeats until nothing changes, so a server that was down across
    /// several scheduled times catches up in order. The schedule never re-opens a closed phase.
    public static func applySchedule(_ phases: [Phase], now: Int64) -> (phases: [Phase], changes: [(PhaseKind, PhaseState)]) {
        var current = phases.normalised
        var changes: [(PhaseKind, PhaseState)] = []
        // Each phase moves at most pending → open → closed, so this ends within eight passes.
        var changed = true
        while changed {
            changed = false
            for phase in current {
                switch phase.state {
                case .open:
                    guard let closesAt = phase.closesAt, closesAt <= now,
                          case .success(let next) = close(phase.kind, in: current) else { continue }
                    current = next
                    changes.append((phase.kind, .closed))
                    changed = true
                case .pending:
                    guard let opensAt = phase.opensAt, opensAt <= now,
                          case .success(let next) = open(phase.kind, in: current, reason: nil) else { continue }
                    current = next
                    changes.append((phase.kind, .open))
                    changed = true
                case .closed:
                    continue
                }
            }
        }
        return (current, changes)
    }
}
