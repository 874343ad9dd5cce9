// The draft's rules asked of a campaign snapshot, as the phase rules are for ideas.
import Campaigns
import Storage

extension CampaignSnapshot {
    /// What `DraftRules` decides `action` on a contribution of `draft` from.
    func draftContext(_ action: DraftAction, on draft: DraftTarget) -> DraftActionContext {
        DraftActionContext(
            campaignState: campaign.state, phases: phases, draftState: draft.draftState, draftPhases: draft.phases,
            action: action, amendment: draft.amendment, item: draft.kind)
    }

    /// Throws the draft rules' refusal for `action` on a contribution of `draft`, if any.
    func require(_ action: DraftAction, on draft: DraftTarget) throws {
        if let refusal = DraftRules.check(draftContext(action, on: draft)) { throw refusal }
    }

    /// Throws the draft rules' refusal for a new amendment or alternative to `draft`, if any.
    func requireProposal(to draft: DraftRecord) throws {
        let context = DraftActionContext(
            campaignState: campaign.state, phases: phases, draftState: draft.state, draftPhases: draft.phases,
            action: .propose)
        if let refusal = DraftRules.check(context) { throw refusal }
    }
}
