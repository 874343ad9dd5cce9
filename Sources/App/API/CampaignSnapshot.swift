// A campaign as one request sees it: its row and phases, read in one snapshot, and the phase rules asked of it.
import Campaigns
import Storage

/// A campaign as a request sees it: the row and its phases, read in one snapshot.
struct CampaignSnapshot: Sendable {
    var campaign: CampaignRecord
    var phases: [Phase]

    /// The campaign that `slug` names, if the public may see it (not a draft); else 404.
    static func load(slug: String, in connection: Connection) throws -> CampaignSnapshot {
        guard let campaign = try CampaignStore(connection).campaign(slug: slug) else { throw APIError.notFound }
        return try load(campaign, in: connection)
    }

    static func load(id: Int64, in connection: Connection) throws -> CampaignSnapshot {
        guard let campaign = try CampaignStore(connection).campaign(id: id) else { throw APIError.notFound }
        return try load(campaign, in: connection)
    }

    private static func load(_ campaign: CampaignRecord, in connection: Connection) throws -> CampaignSnapshot {
        switch campaign.state {
        case .draft: throw APIError.notFound
        case .live, .archived: break
        }
        return CampaignSnapshot(campaign: campaign, phases: try CampaignStore(connection).phases(campaignID: campaign.id))
    }

    /// Whether only the campaign's own contributors may read its contributions, comments and live
    /// stream: an invite-only campaign is private, as a trust inviting its staff expects. Its
    /// title, questions and counts stay public, so an invitee can find it and join; its published
    /// guide is public too, since publishing it is the facilitators' deliberate act.
    var isMembersOnly: Bool {
        switch campaign.access {
        case .open: false
        case .invite: true
        }
    }

    /// Refuses a reader who is not one of the campaign's contributors when it is members-only
    /// (403 `invite_required`: joining with an invitation is the way in).
    func requireReader(_ viewer: ContributorRecord?) throws {
        if isMembersOnly, viewer == nil { throw JoinRefusal.inviteRequired }
    }

    /// Throws the phase rules' refusal for `action`, if any.
    func require(_ action: ContributorAction, targetPhase: PhaseKind?, shortlisted: Bool = false) throws {
        let context = ActionContext(
            campaignState: campaign.state, phases: phases, action: action, targetPhase: targetPhase,
            targetShortlisted: shortlisted)
        if let refusal = PhaseRules.check(context) { throw refusal }
    }
}
