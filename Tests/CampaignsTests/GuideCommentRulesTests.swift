// Comments on published guides against an oracle table.
import Testing
@testable import Campaigns

/// (published, campaign state) → refusal code.
@Test(arguments: [
    (true, CampaignState.live, String?.none),
    (false, .live, "guide_not_published"),
    (true, .archived, "campaign_archived"),
    (false, .archived, "campaign_archived"),
    (false, .draft, "guide_not_published"),
])
func guideComments(published: Bool, campaign: CampaignState, expected: String?) {
    #expect(GuideCommentRules.check(published: published, campaign: campaign)?.code == expected)
}
