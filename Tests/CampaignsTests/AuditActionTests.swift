// The audit log's acts keep the names already stored (the hash chain covers them); each act has one.
import Testing
@testable import Campaigns

@Test func auditActionsKeepTheirStoredNames() {
    #expect(AuditAction.allCases.map(\.rawValue) == [
        "sign_in", "sign_out", "token_create", "token_revoke", "staff_add", "role_change", "campaigns_change",
        "staff_disable", "campaign_create", "campaign_edit", "launch", "archive", "question_add", "question_edit",
        "question_delete", "profile_questions_set", "invites_create", "access_code_set", "access_code_remove",
        "statement", "import-invites", "phase_open", "phase_close", "phase_schedule", "hide", "restore", "approve",
        "dismiss_reports", "redact", "merge", "unmerge", "purge_revisions", "publish_themes", "import-codebook", "reconcile",
        "shortlist_prioritise", "shortlist_act", "shortlist_published", "unshortlist_prioritise", "unshortlist_act",
        "unshortlist_published", "guide_start", "guide_final", "guide_reopen", "guide_invite", "guide_invite_revoke",
        "machine_coding_on", "machine_coding_off", "export",
        "mail_invitations", "mail_reminder", "mail_announcement", "mail_author_message", "mail_guide_invitation",
        "invitation_request_approve", "invitation_request_decline",
        "outcome_status", "progress_update", "import-progress", "story_publish",
        "draft_publish", "amendment_accept", "amendment_decline", "draft_final",
    ])
}

@Test func eachDecisionNamesItsAct() {
    #expect(ShortlistRound.allCases.map { AuditAction.shortlist($0).rawValue } == ShortlistRound.allCases.map { "shortlist_\($0.rawValue)" })
    #expect(ShortlistRound.allCases.map { AuditAction.unshortlist($0).rawValue }
            == ShortlistRound.allCases.map { "unshortlist_\($0.rawValue)" })
    #expect(ModerationOutcome.allCases.map(\.auditAction) == [.hide, .restore, .approve, .dismissReports])
    #expect(ModerationAction.allCases.map(\.auditAction) == [.hide, .restore])
    #expect(CampaignMove.allCases.map(\.auditAction) == [.launch, .archive])
    #expect([PhaseChange.open(reason: nil), .close(reason: nil), .schedule(opensAt: nil, closesAt: nil)].map(\.auditAction)
            == [.phaseOpen, .phaseClose, .phaseSchedule])
}
