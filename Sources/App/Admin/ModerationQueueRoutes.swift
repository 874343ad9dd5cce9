// The moderation queue for the console: everything awaiting a decision, report weights and bursts, bulk restore and dismiss.
import Campaigns
import HTTP
import Storage

/// `GET /admin/campaigns/{slug}/moderation` and the decisions taken from it, one or many at a time.
enum ModerationQueueRoutes {
    /// Most items one bulk decision takes.
    static let bulkLimit = 500

    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/moderation", queue)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/moderation/restore", maxBodySize: 64 * 1024) { request, context in
            try bulk(request, context, .restore)
        }
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/moderation/dismiss", maxBodySize: 64 * 1024) { request, context in
            try bulk(request, context, .dismiss)
        }
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/dismiss", maxBodySize: 4096, dismissOne)
    }

    /// `?scope=awaiting` (default: held, pending and reported items, held first) or `hidden`.
    /// Each item says why it waits (`status`), what its open reports weigh against the threshold,
    /// on which days they came and whether the last hour's came in a burst (`ReportBursts`);
    /// `signals.reportBurst` says the whole campaign is getting one.
    static func queue(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .moderate, slug: try request.slugParameter())
        let scope = try request.query("scope").map { text in
            guard let scope = ModerationScope(rawValue: text) else {
                throw APIError.validation(field: "scope", message: "Use awaiting or hidden.")
            }
            return scope
        } ?? .awaiting
        let now = context.clock.now
        let items = try context.database.read { try ModerationStore($0).queue(campaignID: campaign.id, scope: scope) }
        let recent = context.reportBursts.lastHour(campaignID: campaign.id, now: now)
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.field("scope", scope.rawValue)
            o.key("signals")
            o.object { s in
                s.field("reportBurst", ReportSignals.campaignBurst(recent.all, now: now))
                s.field("reportsLastHour", recent.all.count)
            }
            o.key("counts")
            o.object { c in
                for status in ModerationItem.Status.allCases { c.field(status.rawValue, items.filter { $0.status == status }.count) }
            }
            o.key("items")
            o.array(items) { w, item in
                w.object { i in
                    let burst: Bool
                    switch item.subject {
                    case .contribution(let record): burst = ReportSignals.itemBurst(recent.byContribution[record.id] ?? [])
                    case .comment: burst = false
                    }
                    i.moderationItem(item, threshold: campaign.flagThreshold, burst: burst)
                }
            }
        }
        return .json(json.bytes)
    }

    /// What a queue decision does to one contribution.
    enum Decision {
        /// Hidden or pending → visible, or a held one released (`ContributionLifecycle.moderate`).
        case restore
        /// A visible one's reports resolved and a hold released (`ContributionLifecycle.dismissReports`).
        case dismiss
    }

    /// `{ids: [contribution id], reason}`: one decision for many contributions of the campaign, in
    /// one write, audited one by one. Answers `{done: [id], skipped: [{id, code}]}`: an id that is
    /// not one of the campaign's contributions, or whose state the decision does not fit, is skipped.
    static func bulk(_ request: Request, _ context: AppContext, _ decision: Decision) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .moderate, slug: try request.slugParameter())
        try campaign.requireEditable()
        let body = try JSONBody(request.body)
        let reason = try ModerationRoutes.requiredReason(body)
        let ids = try body.bulkIDs(max: bulkLimit, noun: "contributions")
        let now = context.clock.now
        let (done, skipped) = try context.database.write { connection -> ([ContributionRecord], [(Int64, String)]) in
            var done: [ContributionRecord] = [], skipped: [(Int64, String)] = []
            for id in ids {
                guard let record = try ContributionStore(connection).contribution(id: id), record.campaignID == campaign.id else {
                    skipped.append((id, "not_found"))
                    continue
                }
                switch try decide(decision, record, connection, actor: caller.name, reason: reason, now: now) {
                case .success(let updated): done.append(updated)
                case .failure(let refusal): skipped.append((id, refusal.code))
                }
            }
            return (done, skipped)
        }
        for record in done { context.publishContribution(record) }
        var json = JSONWriter()
        json.object { o in
            o.key("done")
            o.array(done) { w, record in w.int(record.id) }
            o.key("skipped")
            o.array(skipped) { w, entry in w.object { s in s.field("id", entry.0); s.field("code", entry.1) } }
        }
        return .json(json.bytes)
    }

    /// `{reason}`: dismisses one contribution's reports (releasing a hold); it is marked reviewed.
    static func dismissOne(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, found, campaign) = try ModerationRoutes.load(request, context, .moderate)
        try campaign.requireEditable()
        let reason = try ModerationRoutes.requiredReason(try JSONBody(request.body))
        let now = context.clock.now
        let record = try context.database.write { connection -> ContributionRecord in
            guard let current = try ContributionStore(connection).contribution(id: found.id) else { throw APIError.notFound }
            switch try decide(.dismiss, current, connection, actor: caller.name, reason: reason, now: now) {
            case .success(let updated): return updated
            case .failure(let refusal): throw refusal
            }
        }
        context.publishContribution(record)
        var json = JSONWriter()
        json.contribution(record, viewer: nil)
        return .json(json.bytes)
    }

    /// One decision on one contribution inside the caller's write, with its audit entry, as
    /// `ContributionLifecycle` decides: restore takes hidden or pending → visible, or
    /// releases a held one; dismiss resolves a visible one's reports and releases a hold. Either
    /// marks it reviewed.
    private static func decide(
        _ decision: Decision, _ record: ContributionRecord, _ connection: Connection, actor: String, reason: String,
        now: Int64
    ) throws -> Result<ContributionRecord, ContributionRefusal> {
        let decided = switch decision {
        case .restore: ContributionLifecycle.moderate(.restore, record.state, held: record.held)
        case .dismiss: ContributionLifecycle.dismissReports(record.state)
        }
        guard case .success(let outcome) = decided else { return decided.map { _ in record } }
        try ModerationStore(connection).setContributionState(id: record.id, outcome.state, now: now)
        try AuditStore(connection).append(
            NewAuditEntry(campaignID: record.campaignID, actor: actor, action: outcome.auditAction,
                          target: "contribution:\(record.id)", reason: reason), now: now)
        guard let updated = try ContributionStore(connection).contribution(id: record.id) else { throw APIError.notFound }
        return .success(updated)
    }
}

extension JSONWriter {
    /// One queue entry: the contribution's (or comment's) fields, then why it waits and its reports.
    mutating func moderationItem(_ item: ModerationItem, threshold: Int, burst: Bool) {
        switch item.subject {
        case .contribution(let record):
            field("type", "contribution")
            contributionFields(record, viewer: nil)
        case .comment(let record):
            field("type", "comment")
            field("id", record.id)
            field("contributionId", record.contributionID)
            key("parentId")
            int(record.parentID)
            field("body", record.body)
            field("createdAt", ISOTime.string(record.createdAt))
            field("state", record.state.rawValue)
            field("official", record.official)
        }
        field("status", item.status.rawValue)
        field("flags", item.flags)
        key("reasons")
        array(item.reasons) { r, reason in r.string(reason) }
        field("reportWeight", item.reportWeight)
        field("threshold", threshold)
        field("burst", burst)
        field("firstReportOn", item.reportDays.first.map(ISOTime.day))
        field("lastReportOn", item.reportDays.last.map(ISOTime.day))
    }
}
