// What a message is about: the campaign-wide events announced, and what an author hears about their own ideas.

/// A campaign-wide event announced to contributors who asked, at most once per campaign (`key`).
public enum AnnouncementEvent: Sendable, Hashable, Codable {
    case phaseOpened(PhaseKind)
    case shortlistPublished
    case guidePublished

    /// The event's stable name, as `mail_sends` records it: `phase:answer`, `shortlist`, `guide`.
    public var key: String {
        switch self {
        case .phaseOpened(let kind): "phase:" + kind.rawValue
        case .shortlistPublished: "shortlist"
        case .guidePublished: "guide"
        }
    }

    /// The event a stable name stands for; nil for anything else.
    public init?(key: String) {
        switch key {
        case "shortlist": self = .shortlistPublished
        case "guide": self = .guidePublished
        default:
            guard key.hasPrefix("phase:"), let kind = PhaseKind(rawValue: String(key.dropFirst("phase:".count))) else {
                return nil
            }
            self = .phaseOpened(kind)
        }
    }

    /// Every event a campaign can announce, in the order they happen.
    public static let all: [AnnouncementEvent] = PhaseKind.allCases.map(AnnouncementEvent.phaseOpened)
        + [.shortlistPublished, .guidePublished]
}

/// News for an author about their own contributions. The message never says which contribution:
/// the organisation's mail relay reads every message (PRIVACY.md, "Mail").
public enum AuthorAlert: String, Sendable, CaseIterable, Codable {
    /// One of their ideas was put on a shortlist.
    case shortlisted
    /// What happens to one of their ideas changed (an outcome reported back, issue 23).
    case statusChanged = "status_changed"
    /// Someone replied to one of their contributions or comments.
    case replied
}
