// Why a facilitator's or a contributor's mail request is refused.

/// The reasons the mail routes say no. The raw value is the API's error code.
public enum MailRefusal: String, Refusal {
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
    /// Some rows of an invitation list are not addresses (the answer lists them by line); nothing was queued.
    case badAddresses = "bad_addresses"
    /// An invitation list with a header and no addresses.
    case noAddresses = "no_addresses"
    /// An invitation list must be sent as `text/csv`.
    case notCSV = "not_csv"
    /// A contributor left an address asking to hear nothing: there would be no reason to keep it.
    case nothingAskedFor = "nothing_asked_for"
    /// The event has not happened yet (the phase is not open, nothing is shortlisted or published).
    case notYetHappened = "announcement_not_due"

    public var message: String {
        switch self {
        case .reminderTooSoon: "A reminder went out less than a day ago. People need time to answer the last one."
        case .nobodyToRemind: "No invitation of this campaign still has an address to remind."
        case .alreadyAnnounced: "This has been announced already: each event is announced once."
        case .notInviteOnly: "Anyone can join this campaign from its page; there is no need to ask for an invitation."
        case .campaignNotLive: "Mail can be sent for a live campaign only: its links would lead nowhere."
        case .badAddresses: "Nothing was queued: some rows do not hold an address. Fix the lines listed and send the list again."
        case .noAddresses: "The list has a header but no addresses."
        case .notCSV: "Send the list as text/csv, with a header row naming an email column."
        case .nothingAskedFor: "Choose what you want to hear about — the campaign's news, your own ideas, or both — or leave no address."
        case .notYetHappened: "This has not happened yet, so it cannot be announced: open the phase or publish first."
        }
    }

    public var kind: RefusalKind {
        switch self {
        // Whether a campaign is invite-only is its present state (staff can change it), hence 409.
        case .reminderTooSoon, .nobodyToRemind, .alreadyAnnounced, .campaignNotLive, .notYetHappened, .notInviteOnly: .conflict
        case .badAddresses, .noAddresses, .notCSV, .nothingAskedFor: .unprocessable
        }
    }
}
