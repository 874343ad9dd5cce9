// Merging duplicate contributions and undoing a merge, audited, with the target's new counts broadcast.
import Campaigns
import HTTP
import Storage

enum MergeRoutes {
    /// `{into, reason}` merges `{id}` into `into`, in one write with the recount.
    static func merge(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, source, campaign) = try ModerationRoutes.load(request, context, .moderate)
        try campaign.requireEditable()
        let body = try JSONBody(request.body)
        let targetID = try body.requiredInt("into")
        let reason = try ModerationRoutes.requiredReason(body)
        let now = context.clock.now
        let target = try context.database.write { connection -> ContributionRecord in
            let contributions = ContributionStore(connection)
            guard let source = try contributions.contribution(id: source.id),
                  let target = try contributions.contribution(id: targetID), target.campaignID == source.campaignID else {
                throw APIError.validation(field: "into", message: "No such contribution in this campaign.")
            }
            if let refusal = ContributionLifecycle.merge(
                source: source.state, into: target.state, sameContribution: source.id == target.id) {
                throw refusal.naming(field: "into")
            }
            let moderation = ModerationStore(connection)
            try moderation.merge(sourceID: source.id, into: target.id, staffID: caller.staff.id, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .merge,
                    target: "contribution:\(source.id)→contribution:\(target.id)", reason: reason), now: now)
            guard let merged = try contributions.contribution(id: target.id) else { throw APIError.notFound }
            return merged
        }
        context.publishRemoval(campaignID: target.campaignID, contributionID: source.id)
        context.publishCounts(target)
        var json = JSONWriter()
        json.contribution(target, viewer: nil)
        return .json(json.bytes)
    }

    /// `{reason?}` undoes the latest merge of `{id}`.
    static func unmerge(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, source, campaign) = try ModerationRoutes.load(request, context, .moderate)
        try campaign.requireEditable()
        let reason = TextRules.normalise(try JSONBody(request.body).string("reason") ?? "")
        let now = context.clock.now
        let restored = try context.database.write { connection -> (record: ContributionRecord, targetID: Int64) in
            let moderation = ModerationStore(connection)
            guard let merge = try moderation.activeMerge(sourceID: source.id) else {
                throw ContributionRefusal.notMerged
            }
            try moderation.undo(merge, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .unmerge,
                    target: "contribution:\(source.id)→contribution:\(merge.targetID)", reason: reason), now: now)
            guard let record = try ContributionStore(connection).contribution(id: source.id) else { throw APIError.notFound }
            return (record, merge.targetID)
        }
        if let target = try context.database.read({ try ContributionStore($0).contribution(id: restored.targetID) }) {
            context.publishCounts(target)
        }
        var json = JSONWriter()
        json.contribution(restored.record, viewer: nil)
        return .json(json.bytes)
    }

    /// GET `?q=`: up to five of the campaign's visible contributions matching the words, best first, to merge a
    /// duplicate into: the console's "Merge into another contribution". Staff are not the campaign's contributors, so
    /// the contributor listing refuses them on an invite-only campaign (`invite_required`); this is the moderators'.
    static func targets(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .moderate, slug: try request.slugParameter())
        guard let text = try request.searchText() else {
            throw APIError.validation(field: "q", message: "Give some words from the contribution to keep.")
        }
        let page = try context.database.read {
            try ContributionStore($0).list(ContributionQuery(campaignID: campaign.id, sort: .top, text: text, limit: 5))
        }
        var json = JSONWriter(capacity: 2048)
        json.object { o in
            o.key("items")
            o.array(page.items) { w, c in w.contribution(c, viewer: nil) }
        }
        return .json(json.bytes)
    }

    /// GET: the campaign's merges that can be undone, latest first: `{items: [{source, into}]}`, both as
    /// contributions (the source as it was kept, merged), so the console can offer each for undoing.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .moderate, slug: try request.slugParameter())
        let pairs = try context.database.read { connection -> [(ContributionRecord, ContributionRecord)] in
            let contributions = ContributionStore(connection)
            return try ModerationStore(connection).activeMerges(campaignID: campaign.id).compactMap { merge in
                guard let source = try contributions.contribution(id: merge.sourceID),
                      let target = try contributions.contribution(id: merge.targetID) else { return nil }
                return (source, target)
            }
        }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.key("items")
            o.array(pairs) { w, pair in
                w.object { m in
                    m.key("source")
                    m.contribution(pair.0, viewer: nil)
                    m.key("into")
                    m.contribution(pair.1, viewer: nil)
                }
            }
        }
        return .json(json.bytes)
    }
}
