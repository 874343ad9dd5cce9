// The /admin routes in the OpenAPI document: 401 without a session or token, 403 for the wrong role.
extension AdminRoutes {
    private typealias Op = OpenAPIDocument.Operation
    private static let guarded = [("401", "unauthorized: no staff session or token"), ("403", "role_not_permitted / campaign_not_covered")]

    private static func op(_ method: String, _ path: String, _ summary: String, _ ok: (String, String)) -> Op {
        Op(method: method, path: path, summary: summary, responses: [ok] + guarded)
    }

    /// Every admin operation, appended to `OpenAPIDocument.operations`.
    static let operations: [OpenAPIDocument.Operation] = [
        Op(method: "post", path: "/admin/session", summary: "Staff sign-in {name, password}; sets cookie gs_staff (8 h)",
           responses: [("200", "{name, role, campaigns}"), ("401", "unauthorized"), ("429", "rate_limited")]),
        op("delete", "/admin/session", "Sign out", ("200", "{signedOut}")),
        op("get", "/admin/me", "The signed-in staff member", ("200", "{name, role, campaigns}")),
        op("get", "/admin/tokens", "The caller's API tokens", ("200", "{items}")),
        op("post", "/admin/tokens", "New personal API token {label}, shown once", ("201", "{id, label, token}")),
        op("delete", "/admin/tokens/{id}", "Revoke a token", ("200", "{revoked}")),
        op("get", "/admin/staff", "Staff accounts (admin)", ("200", "{items}")),
        op("post", "/admin/staff", "Create an account {name, role, campaigns?} (admin)", ("201", "{name, role, password, token}")),
        op("patch", "/admin/staff/{name}", "Change role, campaigns (a non-empty list) or allCampaigns: true, revokeTokens: true (signs the account out everywhere and revokes its API tokens), disable (admin)", ("200", "{name, role, campaigns}")),
        op("get", "/admin/campaigns", "Campaigns the caller covers, any state", ("200", "{campaigns}")),
        op("post", "/admin/campaigns", "Create a draft {slug, title, summary, description, access, accessCode}; a shared access code makes access invite", ("201", "AdminCampaign")),
        op("get", "/admin/campaigns/{slug}", "A campaign's set-up", ("200", "AdminCampaign")),
        op("patch", "/admin/campaigns/{slug}", "Edit title, texts, access, premoderation, flagThreshold, joinProofBits (0-24: hashcash on joining an open campaign)", ("200", "AdminCampaign")),
        op("post", "/admin/campaigns/{slug}/launch", "Draft → live", ("200", "AdminCampaign")),
        op("post", "/admin/campaigns/{slug}/archive", "→ archived (read-only)", ("200", "AdminCampaign")),
        op("post", "/admin/campaigns/{slug}/questions", "Add a question {phase, text}", ("201", "{id, phase, text}")),
        op("patch", "/admin/questions/{id}", "Edit a question {text?, phase?}", ("200", "{id, phase, text}")),
        op("delete", "/admin/questions/{id}", "Remove a question", ("200", "{deleted}")),
        op("put", "/admin/campaigns/{slug}/profile-questions", "Replace profile questions (drafts)", ("200", "AdminCampaign")),
        op("post", "/admin/campaigns/{slug}/invites", "N single-use invite codes {count}", ("200", "text/csv, column code")),
        op("put", "/admin/campaigns/{slug}/access-code", "Set or remove the shared access code {code}; setting one on an open campaign makes it invite", ("200", "AdminCampaign")),
        op("post", "/admin/campaigns/{slug}/statements", "Official statement {questionId, title, body}", ("201", "Contribution")),
        op("post", "/admin/campaigns/{slug}/phases/{phase}/open", "Open a phase {reason?}", ("200", "{phases}")),
        op("post", "/admin/campaigns/{slug}/phases/{phase}/close", "Close a phase {reason?}", ("200", "{phases}")),
        op("put", "/admin/campaigns/{slug}/phases/{phase}/schedule", "Schedule {opensAt, closesAt}", ("200", "{phases}")),
        op("get", "/admin/campaigns/{slug}/moderation",
           "?scope=awaiting (held, pending, reported; default) or hidden: items with status, flags, reasons, reportWeight, "
               + "threshold, burst, first/lastReportOn (days); signals.reportBurst for the campaign",
           ("200", "{scope, signals, counts, items}")),
        op("post", "/admin/campaigns/{slug}/moderation/restore", "Restore, approve or release many {ids, reason} (audited each)",
           ("200", "{done: [id], skipped: [{id, code}]}")),
        op("post", "/admin/campaigns/{slug}/moderation/dismiss", "Dismiss the reports of many {ids, reason} (audited each)",
           ("200", "{done: [id], skipped: [{id, code}]}")),
        op("post", "/admin/contributions/{id}/dismiss", "Dismiss its reports and release a hold {reason}", ("200", "Contribution")),
        op("post", "/admin/contributions/{id}/hide", "Hide {reason}", ("200", "Contribution")),
        op("post", "/admin/contributions/{id}/restore", "Restore or approve {reason}", ("200", "Contribution")),
        op("post", "/admin/contributions/{id}/redact", "Redact {title?, body, reason}", ("200", "Contribution")),
        op("post", "/admin/contributions/{id}/merge", "Merge into {into, reason}", ("200", "target Contribution")),
        op("post", "/admin/contributions/{id}/unmerge", "Undo the merge {reason?}", ("200", "Contribution")),
        op("get", "/admin/campaigns/{slug}/merge-targets", "Up to five visible contributions matching q, to merge a duplicate into; for moderators, whatever the campaign's access (moderate)", ("200", "{items:[Contribution]}")),
        op("get", "/admin/campaigns/{slug}/merges", "The merges that can be undone, latest first {items:[{source, into}]}", ("200", "{items}")),
        op("get", "/admin/contributions/{id}/revisions", "Originals of redacted text (admin)", ("200", "{items}")),
        op("delete", "/admin/contributions/{id}/revisions", "Purge the originals (admin)", ("200", "{purged}")),
        op("post", "/admin/comments/{id}/hide", "Hide a comment {reason}", ("200", "Comment")),
        op("post", "/admin/comments/{id}/restore", "Restore a comment {reason}", ("200", "Comment")),
        op("post", "/admin/comments/{id}/redact", "Redact a comment {body, reason}", ("200", "Comment")),
        op("get", "/admin/campaigns/{slug}/stats", "Statistics with k-anonymous profile breakdowns", ("200", "Stats")),
        op("get", "/admin/audit", "Audit log, newest first (?campaign, before, limit)", ("200", "{items}")),
        op("get", "/admin/audit/verify", "Check the audit hash chain", ("200", "{intact, entries | brokenAt}")),
    ]
}
