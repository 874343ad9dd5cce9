// Why the crowd may not do something right now, as decided by `PhaseRules`.

/// The reason `PhaseRules.check` refuses an action.
public enum PhaseRefusal: String, Refusal {
    /// The campaign is a draft or archived: everything is read-only.
    case campaignNotLive = "campaign_not_live"
    /// No phase is open, or the target belongs to a phase that has not opened yet.
    case phaseClosed = "phase_closed"
    /// During prioritise, only shortlisted ideas take votes and comments.
    case notShortlisted = "not_shortlisted"
    /// The target belongs to a phase that has closed, or the act phase is open.
    case readOnly = "read_only"
    /// During prioritise, nothing new may be posted.
    case noNewIdeas = "no_new_ideas"

    public var message: String {
        switch self {
        case .campaignNotLive: "This campaign is not accepting contributions."
        case .phaseClosed: "This part of the campaign is not open right now."
        case .notShortlisted: "Only shortlisted ideas can be voted on or discussed while priorities are set."
        case .readOnly: "This part of the campaign is closed and can only be read."
        case .noNewIdeas: "New contributions are closed while priorities are set."
        }
    }

    public var kind: RefusalKind { .conflict }
}
