// Why a facilitator's or a contributor's mail request is refused.

/// The reasons the mail routes say no. The raw value is the API's error code.
public enum MailRefusal: String, Sendable, Error, CaseIterable {
    /// A reminder went out less than `ReminderRule.minimumInterval` ago.
    case reminderTooSoon = "reminder_too_soon"
    /// There is nobody to remind: no invitation of the campaign still holds an address.
    case nobodyToRemind = "nobody_to_remind"
    /// This event was announced already (at most one message per event).
    case alreadyAnnounced = "already_announced"
    /// Requests to be invited are for invite-only campaigns; an open one can simply be joined.
    case notInviteOnly = "not_invite_only"
    /// Mail is sent for live campaigns only (a draft's links would lead nowhere).
    case campaignNotLive = "mail_campaign_not_live"

    public var message: String {
        switch self {
        case .reminderTooSoon: "A reminder went out less than a day ago. People need time to answer the last one."
        case .nobodyToRemind: "No invitation of this campaign still has an address to remind."
        case .alreadyAnnounced: "This has been announced already: each event is announced once."
        case .notInviteOnly: "Anyone can join this campaign from its page; there is no need to ask for an invitation."
        case .campaignNotLive: "Mail can be sent for a live campaign only: its links would lead nowhere."
        }
    }
}

/// When a campaign may have another reminder: pure, so it is tested as a table.
public enum ReminderRule {
    /// Seconds between two reminders of one campaign at least: a day.
    public static let minimumInterval: Int64 = 86_400

    /// Nil when a reminder may go now, else why not.
    public static func check(held: Int, lastReminderAt: Int64?, now: Int64) -> MailRefusal? {
        if let last = lastReminderAt, now - last < minimumInterval { return .reminderTooSoon }
        if held == 0 { return .nobodyToRemind }
        return nil
    }
}
