// How a campaign is written for staff: everything the public sees plus set-up fields (never secrets).
import Campaigns
import Storage

/// A campaign with its set-up, read in one snapshot for the staff console.
struct AdminCampaignView: Sendable {
    var campaign: CampaignRecord
    var phases: [Phase]
    var questions: [QuestionRecord]
    var profileQuestions: [ProfileQuestionRecord]
    var counts: CampaignCounts

    static func load(_ campaign: CampaignRecord, in connection: Connection) throws -> AdminCampaignView {
        let store = CampaignStore(connection)
        return AdminCampaignView(
            campaign: campaign, phases: try store.phases(campaignID: campaign.id),
            questions: try store.questions(campaignID: campaign.id),
            profileQuestions: try store.profileQuestions(campaignID: campaign.id),
            counts: try store.counts(campaignID: campaign.id))
    }

    func write(into o: inout JSONWriter) {
        o.field("slug", campaign.slug)
        o.field("title", campaign.title)
        o.field("summary", campaign.summary)
        o.field("description", campaign.description)
        o.field("state", campaign.state.rawValue)
        o.field("access", campaign.access.rawValue)
        o.field("hasAccessCode", campaign.accessCodeHash != nil)
        o.field("premoderation", campaign.premoderation)
        o.field("flagThreshold", campaign.flagThreshold)
        o.field("joinProofBits", campaign.joinProofBits)
        o.field("createdAt", ISOTime.string(campaign.createdAt))
        o.phasesField(phases)
        o.questionsField(questions)
        o.profileQuestionsField(profileQuestions)
        o.countsField(counts)
    }
}

extension CampaignRecord {
    /// Archived campaigns are read-only for staff too (they stay readable and exportable).
    func requireEditable() throws {
        if let refusal = state.editRefusal { throw refusal }
    }
}
