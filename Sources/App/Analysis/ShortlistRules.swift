// What an idea must satisfy to enter a shortlist round: the checks run inside the selecting write.
import Campaigns
import Storage

enum ShortlistRules {
    /// Ideas are visible Answer-phase contributions of the campaign; each round draws from the one
    /// before. The act round waits until Prioritise is no longer open, because the contributor
    /// API's `shortlisted` flag (and so who may vote in Prioritise) follows the latest round.
    /// The published round needs the idea's guide to be marked final.
    static func check(_ round: ShortlistRound, contributionID id: Int64, campaign: CampaignRecord,
                      _ connection: Connection) throws {
        guard let idea = try ContributionStore(connection).contribution(id: id), idea.campaignID == campaign.id else {
            throw APIError.validation(field: "contributionId", message: "Choose an idea of this campaign.")
        }
        guard idea.phase == .answer, idea.state == .visible else { throw ShortlistRefusal.notAnIdea.on(field: "contributionId") }
        if let previous = round.previous,
           try !ShortlistStore(connection).contains(campaignID: campaign.id, round: previous, contributionID: id) {
            throw ShortlistRefusal.notInPreviousRound
        }
        switch round {
        case .prioritise:
            break
        case .act:
            let phases = try CampaignStore(connection).phases(campaignID: campaign.id)
            if phases.contains(where: { $0.kind == .prioritise && $0.state == .open }) {
                throw ShortlistRefusal.prioritiseOpen
            }
        case .published:
            guard let guide = try GuideStore(connection).guide(contributionID: id), guide.finalAt != nil else {
                throw ShortlistRefusal.guideNotFinal
            }
        }
    }
}
