// Every act the audit log records, as one enum: a new act is a new case, never a new free string.

/// What an audit entry says was done. The raw value is what `audit_log.action` holds (and what the
/// hash chain covers), so existing values never change; add cases, do not rename them.
public enum AuditAction: String, Sendable, CaseIterable {
    // Staff accounts and sessions.
    case signIn = "sign_in"
    case signOut = "sign_out"
    case tokenCreate = "token_create"
    case tokenRevoke = "token_revoke"
    case staffAdd = "staff_add"
    case roleChange = "role_change"
    case campaignsChange = "campaigns_change"
    case staffDisable = "staff_disable"
    // Campaign set-up.
    case campaignCreate = "campaign_create"
    case campaignEdit = "campaign_edit"
    case launch
    case archive
    case questionAdd = "question_add"
    case questionEdit = "question_edit"
    case questionDelete = "question_delete"
    case profileQuestionsSet = "profile_questions_set"
    case invitesCreate = "invites_create"
    case accessCodeSet = "access_code_set"
    case accessCodeRemove = "access_code_remove"
    case statement
    case importInvites = "import-invites"
    // Phases.
    case phaseOpen = "phase_open"
    case phaseClose = "phase_close"
    case phaseSchedule = "phase_schedule"
    // Moderation (contributions and comments).
    case hide
    case restore
    case approve
    /// A visible contribution's reports dismissed (a hold released).
    case dismissReports = "dismiss_reports"
    case redact
    case merge
    case unmerge
    case purgeRevisions = "purge_revisions"
    // Analysis, shortlists and guides.
    case publishThemes = "publish_themes"
    case importCodebook = "import-codebook"
    case reconcile
    case shortlistPrioritise = "shortlist_prioritise"
    case shortlistAct = "shortlist_act"
    case shortlistPublished = "shortlist_published"
    case unshortlistPrioritise = "unshortlist_prioritise"
    case unshortlistAct = "unshortlist_act"
    case unshortlistPublished = "unshortlist_published"
    /// A guide started for an act-round idea (one entry a guide, whether started alone or many at once).
    case guideStart = "guide_start"
    case guideFinal = "guide_final"
    case guideReopen = "guide_reopen"
    case guideInvite = "guide_invite"
    case guideInviteRevoke = "guide_invite_revoke"
    // Assisted analysis.
    case machineCodingOn = "machine_coding_on"
    case machineCodingOff = "machine_coding_off"
    // Data leaving the server.
    case export
    // Mail (issue 22): what was sent and to how many, never to whom.
    case mailInvitations = "mail_invitations"
    case mailReminder = "mail_reminder"
    case mailAnnouncement = "mail_announcement"
    case mailAuthorMessage = "mail_author_message"
    case mailGuideInvitation = "mail_guide_invitation"
    case invitationRequestApprove = "invitation_request_approve"
    case invitationRequestDecline = "invitation_request_decline"
    // Outcomes reported back (issue 23).
    case outcomeStatus = "outcome_status"
    case progressUpdate = "progress_update"
    case importProgress = "import-progress"
    // Stories (issue 23).
    case storyPublish = "story_publish"
    // A draft to challenge (issue 23).
    case draftPublish = "draft_publish"
    case amendmentAccept = "amendment_accept"
    case amendmentDecline = "amendment_decline"
    case draftFinal = "draft_final"

    /// Selecting an idea into `round`.
    public static func shortlist(_ round: ShortlistRound) -> AuditAction {
        switch round {
        case .prioritise: .shortlistPrioritise
        case .act: .shortlistAct
        case .published: .shortlistPublished
        }
    }

    /// Taking an idea out of `round` (and the later ones).
    public static func unshortlist(_ round: ShortlistRound) -> AuditAction {
        switch round {
        case .prioritise: .unshortlistPrioritise
        case .act: .unshortlistAct
        case .published: .unshortlistPublished
        }
    }
}

extension ModerationOutcome {
    /// The audit log's name for it.
    public var auditAction: AuditAction {
        switch self {
        case .hidden: .hide
        case .restored: .restore
        case .approved: .approve
        case .reportsDismissed: .dismissReports
        }
    }
}

extension PhaseChange {
    public var auditAction: AuditAction {
        switch self {
        case .open: .phaseOpen
        case .close: .phaseClose
        case .schedule: .phaseSchedule
        }
    }
}

extension CampaignMove {
    public var auditAction: AuditAction {
        switch self {
        case .launch: .launch
        case .archive: .archive
        }
    }
}

extension ModerationAction {
    /// The audit log's name for a comment moderated so (comments have no approval step).
    public var auditAction: AuditAction {
        switch self {
        case .hide: .hide
        case .restore: .restore
        }
    }
}
