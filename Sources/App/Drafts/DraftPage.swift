// A draft as the crowd reads it, loaded in one snapshot: the current text, its amendments, alternatives and change log.
import Campaigns
import Storage

/// One contribution of a draft with the viewer's vote and whether it is theirs (never who wrote it).
struct DraftItem: Sendable {
    var record: ContributionRecord
    var myVote: Vote
    var mine: Bool
}

struct DraftAmendmentItem: Sendable {
    var amendment: AmendmentRecord
    var item: DraftItem
    /// The section's body in the version the amendment was written against.
    var baseBody: String
}

struct DraftPage: Sendable {
    var draft: DraftRecord
    var version: DraftVersion
    /// The section contributions (counts, the viewer's vote), by section id.
    var sections: [Int64: DraftItem]
    var amendments: [DraftAmendmentItem]
    var alternatives: [DraftItem]
    var changes: [DraftChange]
    /// Why the viewer may not propose now, if they may not (`DraftRules`); nil when they may.
    var proposalRefusal: (any Refusal)?

    /// Draft `id` of a campaign the public may see; 404 otherwise. Only contributions the crowd can
    /// read are shown (an author also sees their own pending or hidden ones, as on an idea's page).
    /// With `staff`, the caller is a member of staff covering the draft's campaign, who reads it as
    /// the crowd does (no vote, nothing of their own) even where the crowd must join first.
    static func load(
        id: Int64, token: (String) -> String?, staff: StaffCaller? = nil, context: AppContext, in connection: Connection
    ) throws -> DraftPage {
        let store = DraftStore(connection)
        guard let draft = try store.draft(id: id) else { throw APIError.notFound }
        let snapshot = try CampaignSnapshot.load(id: draft.campaignID, in: connection)
        let viewer: ContributorRecord?
        if let staff {
            try staff.requireCovers(campaignID: snapshot.campaign.id)
            viewer = nil
        } else {
            viewer = try context.contributor(token: token(snapshot.campaign.slug), campaignID: snapshot.campaign.id, in: connection)
            try snapshot.requireReader(viewer)
        }
        guard let version = try store.version(draftID: id, number: draft.version) else { throw APIError.notFound }
        let contributions = ContributionStore(connection)
        let votes = VoteStore(connection)
        func item(_ contributionID: Int64) throws -> DraftItem? {
            guard let record = try contributions.contribution(id: contributionID) else { return nil }
            let mine = viewer != nil && record.contributorID == viewer?.id
            guard record.state == .visible || (mine && ContributionLifecycle.mayRead(record.state, isAuthor: true)) else { return nil }
            let vote = try viewer.map { try votes.myVote(contributionID: contributionID, contributorID: $0.id) } ?? .neither
            return DraftItem(record: record, myVote: vote, mine: mine)
        }
        var sections: [Int64: DraftItem] = [:]
        for section in version.sections {
            sections[section.sectionID] = try item(section.sectionID)
        }
        var bases: [Int: DraftVersion] = [version.number: version]
        var amendments: [DraftAmendmentItem] = []
        for amendment in try store.amendments(draftID: id) {
            guard let found = try item(amendment.contributionID) else { continue }
            if bases[amendment.baseVersion] == nil {
                bases[amendment.baseVersion] = try store.version(draftID: id, number: amendment.baseVersion)
            }
            let base = bases[amendment.baseVersion]?.section(amendment.sectionID)?.text.body ?? ""
            amendments.append(DraftAmendmentItem(amendment: amendment, item: found, baseBody: base))
        }
        let alternatives = try store.alternatives(draftID: id).compactMap(item)
        let refusal = DraftRules.check(DraftActionContext(
            campaignState: snapshot.campaign.state, phases: snapshot.phases, draftState: draft.state,
            draftPhases: draft.phases, action: .propose))
        return DraftPage(
            draft: draft, version: version, sections: sections, amendments: amendments, alternatives: alternatives,
            changes: try store.changes(draftID: id), proposalRefusal: refusal)
    }
}
