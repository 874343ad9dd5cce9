// A facilitator's change to one phase — open, close or schedule — judged with the campaign's state.

/// What a facilitator asks of one phase.
public enum PhaseChange: Sendable, Equatable {
    /// Open it; re-opening a closed phase needs a reason (kept in the audit log either way).
    case open(reason: String?)
    /// Close it; the reason, if given, goes to the audit log.
    case close(reason: String?)
    /// Set (or clear, with nil) when it opens and closes. Only a phase that has not run can get an opening time.
    case schedule(opensAt: Int64?, closesAt: Int64?)
}

extension PhaseTransitions {
    /// The phases after `change` to `kind`, in a campaign in `campaign` state: an archived campaign
    /// refuses every change (`CampaignRefusal.archived`); otherwise `open` and `close` follow their
    /// rules above, and a schedule must close after it opens (`closesBeforeOpening`) and may set an
    /// opening time only on a pending phase (`alreadyRun`). Throws the refusal.
    public static func apply(_ change: PhaseChange, to kind: PhaseKind, in phases: [Phase], campaign: CampaignState) throws -> [Phase] {
        if let refusal = campaign.editRefusal { throw refusal }
        switch change {
        case .open(let reason):
            return try open(kind, in: phases, reason: reason).get()
        case .close:
            return try close(kind, in: phases).get()
        case .schedule(let opensAt, let closesAt):
            return try schedule(kind, in: phases, opensAt: opensAt, closesAt: closesAt).get()
        }
    }

    /// Sets `kind`'s opening and closing times.
    public static func schedule(
        _ kind: PhaseKind, in phases: [Phase], opensAt: Int64?, closesAt: Int64?
    ) -> Result<[Phase], TransitionRefusal> {
        if let opensAt, let closesAt, closesAt <= opensAt { return .failure(.closesBeforeOpening) }
        var result = phases.normalised
        let index = kind.position
        switch result[index].state {
        case .pending: break
        case .open, .closed: if opensAt != nil { return .failure(.alreadyRun) }
        }
        result[index].opensAt = opensAt
        result[index].closesAt = closesAt
        return .success(result)
    }
}
