// When an event may be announced: once, and only after it happened.

/// Whether `event` may be announced now: pure, so it is tested as a table.
public enum AnnouncementRule {
    /// Nil when the announcement may go, else why not. `rounds` are the shortlist rounds holding at
    /// least one idea; `announced` says whether the event went out before (`mail_sends`).
    public static func check(_ event: AnnouncementEvent, phases: [Phase], rounds: Set<ShortlistRound>, announced: Bool) -> MailRefusal? {
        if announced { return .alreadyAnnounced }
        let happened = switch event {
        case .phaseOpened(let kind): phases.contains { $0.kind == kind && $0.state == .open }
        case .shortlistPublished: rounds.contains(.prioritise)
        case .guidePublished: rounds.contains(.published)
        }
        return happened ? nil : .notYetHappened
    }
}
