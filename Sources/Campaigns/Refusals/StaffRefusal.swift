// Why a member of staff may not do something, or not to that account.

/// The reason staff access or account management refuses a request.
public enum StaffRefusal: String, Refusal {
    /// The caller's role does not include the permission.
    case roleNotPermitted = "role_not_permitted"
    /// The caller's account is limited to other campaigns.
    case campaignNotCovered = "campaign_not_covered"
    /// An account limited to some campaigns must name one of them.
    case campaignRequired = "campaign_required"
    /// Only accounts for every campaign may act on all of them at once.
    case allCampaignsRequired = "all_campaigns_required"
    /// Another account has this name.
    case nameTaken = "name_taken"
    /// An admin cannot demote or disable themself, so someone can always manage staff.
    case ownAccount = "own_account"

    public var message: String {
        switch self {
        case .roleNotPermitted: "Your role does not allow this."
        case .campaignNotCovered: "Your account is not set up for this campaign."
        case .campaignRequired: "Name one of your campaigns."
        case .allCampaignsRequired: "Only accounts for every campaign can do this."
        case .nameTaken: "That name is taken."
        case .ownAccount: "You cannot demote or disable your own account."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .roleNotPermitted, .campaignNotCovered, .campaignRequired, .allCampaignsRequired: .notPermitted
        case .nameTaken, .ownAccount: .conflict
        }
    }
}
