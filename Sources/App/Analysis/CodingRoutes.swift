// Blind coding over HTTP: an analyst's queue, saving a code, and reading codes without seeing other teams'.
import Campaigns
import HTTP
import Storage

enum CodingRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/queue", queue)
        AdminRoutes.add(&router, .put, "/admin/contributions/{id}/codes", save)
        AdminRoutes.add(&router, .get, "/admin/contributions/{id}/codes", read)
    }

    /// Longest queue returned at once.
    static let queueLimit = 50

    /// GET: the items the caller's team still has to code, uncoded items first.
    static func queue(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .code)
        let (coder, perItem, ids, records) = try context.database.read { connection in
            let store = CodeStore(connection)
            let coder = try store.coder(staffID: staff.id, campaignID: campaign.id)
            let perItem = try store.teamsPerItem(campaignID: campaign.id)
            let items = try store.items(campaignID: campaign.id)
            let ids = CodebookSettlement.queue(items: items, team: coder, required: perItem)
            let contributions = ContributionStore(connection)
            let records = try ids.prefix(queueLimit).compactMap { try contributions.contribution(id: $0) }
            return (coder, perItem, ids, records)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("coder", coder)
            o.field("teamsPerItem", perItem)
            o.field("remaining", ids.count)
            o.key("items")
            o.array(records) { w, c in
                w.object { i in
                    i.field("id", c.id)
                    i.field("title", c.title)
                    i.field("body", c.body)
                    i.field("createdAt", ISOTime.string(c.createdAt))
                }
            }
        }
        return .json(json.bytes)
    }

    /// PUT {themes: [id], notRelevant, memo}: the caller's team's code, stamped with theme versions.
    static func save(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let contribution = try AnalysisRoutes.contribution(id, context)
        let staff = try AnalysisAccess.require(.code, request, context, campaignID: contribution.campaignID)
        let body = try JSONBody(request.body)
        let decision = try AnalysisRoutes.decision(body)
        let memo = TextRules.normalise(try body.string("memo") ?? "")
        guard memo.count <= 2000 else { throw APIError.validation(field: "memo", message: "Keep the memo under 2000 characters.") }
        let now = context.clock.now
        let code = try context.database.write { connection -> CodeRecord in
            let store = CodeStore(connection)
            if let refusal = BlindCoding.saveRefusal(reconciled: try store.reconciliation(contributionID: id) != nil) {
                throw refusal
            }
            if let refusal = SuggestionRules.checkCoding(
                machineCoded: try MachineCodeStore(connection).code(contributionID: id) != nil) {
                throw refusal
            }
            let versions = try AnalysisRoutes.themeVersions(decision, campaignID: contribution.campaignID, connection)
            let coder = try store.coder(staffID: staff.id, campaignID: contribution.campaignID)
            try store.save(contributionID: id, staffID: staff.id, coder: coder, decision: decision,
                           themeVersions: versions, memo: memo, now: now)
            guard let saved = try store.codes(contributionID: id).first(where: { $0.coder == coder }) else {
                throw StoreError.notFound
            }
            return saved
        }
        var json = JSONWriter()
        json.code(code, mine: true)
        return .json(json.bytes)
    }

    /// GET: the codes the caller may see. Coding is blind: an analyst sees only their own team's
    /// code until the item is reconciled; facilitators and admins see every code.
    static func read(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let contribution = try AnalysisRoutes.contribution(id, context)
        let staff = try AnalysisAccess.require(.code, request, context, campaignID: contribution.campaignID)
        let facilitator = staff.seesAllCodes
        let (coder, codes, reconciliation) = try context.database.read { connection in
            let store = CodeStore(connection)
            return (try store.coder(staffID: staff.id, campaignID: contribution.campaignID),
                    try store.codes(contributionID: id), try store.reconciliation(contributionID: id))
        }
        let visible = codes.filter {
            BlindCoding.mayShow(codeBy: $0.coder, to: coder, seesAllCodes: facilitator, reconciled: reconciliation != nil)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("contributionId", id)
            o.key("codes")
            o.array(visible) { w, c in w.code(c, mine: c.coder == coder) }
            o.key("reconciled")
            if let reconciliation {
                o.object { r in
                    r.decisionFields(reconciliation.decision)
                    r.field("reason", reconciliation.reason)
                    r.field("at", ISOTime.string(reconciliation.reconciledAt))
                }
            } else {
                o.null()
            }
        }
        return .json(json.bytes)
    }
}
