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
        guard idea.phase == .answer, idea.state == .visible else {
            throw APIError.validation(field: "contributionId", message: "Only visible ideas from Answer can be shortlisted.")
        }
        if let previous = round.previous,
           try !ShortlistStore(connection).contains(campaignID: campaign.id, round: previous, contributionID: id) {
            throw APIError.conflict(
                code: "not_in_previous_round", message: "Select the idea into the \(previous.rawValue) round first.")
        }
        switch round {
        case .prioritise:
            break
        case .act:
            let phases = try CampaignStore(connection).phases(campaignID: campaign.id)
            if phases.contains(where: { $0.kind == .prioritise && $0.state == .open }) {
                throw APIError.conflict(code: "prioritise_open", message: "Close Prioritise before choosing the act round.")
            }
        case .published:
            guard let guide = try GuideStore(connection).guide(contributionID: id), guide.finalAt != nil else {
                throw APIError.conflict(code: "guide_not_final", message: "Mark the idea's guide final before publishing it.")
            }
        }
    }
}
