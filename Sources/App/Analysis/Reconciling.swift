// Reconciliation at scale: a page of disputes with both teams' codes beside the text, and settling many in one request.
import Campaigns
import HTTP
import Storage

/// GET /admin/campaigns/{slug}/coding/disputes and POST /admin/campaigns/{slug}/reconcile.
enum Reconciling {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/disputes", disputes)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/reconcile", maxBodySize: maxBody, settleMany)
    }

    /// Most items one request settles, and the most a disputes page lists.
    static let maxItems = 500
    static let pageSize = 100
    static let maxBody = 1024 * 1024

    /// GET `?round=&after=&limit=`: disputed items of the round after contribution `after`, oldest
    /// first, each with its text, its question and every team's code; `next` pages on; `total` counts them all.
    static func disputes(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let round = try AnalysisRoutes.round(request)
        let after = Int64(try request.integerQuery("after", in: 0...Int.max) ?? 0)
        let limit = try request.integerQuery("limit", in: 1...pageSize) ?? pageSize
        let (state, teams, records, questions, total) = try context.database.read { connection in
            let state = try CodingState.load(campaignID: campaign.id, round: round, connection)
            let disputed = state.items.filter { state.status($0) == .disputed }
            let contributions = ContributionStore(connection)
            let records = try disputed.filter { $0 > after }.prefix(limit).compactMap { try contributions.contribution(id: $0) }
            let questions = try CampaignStore(connection).questions(campaignID: campaign.id)
            return (state, try CodeStore(connection).teams(campaignID: campaign.id), records,
                    Dictionary(questions.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a }), disputed.count)
        }
        let teamNames = Dictionary(teams.map { ("t\($0.id)", $0.name) }, uniquingKeysWith: { a, _ in a })
        var json = JSONWriter()
        json.object { o in
            o.field("round", round.rawValue)
            o.field("total", total)
            o.key("teams")
            o.array(teams) { w, t in w.team(t) }
            o.key("items")
            o.array(records) { w, c in
                w.object { d in
                    d.field("contributionId", c.id)
                    d.itemText(c, questions: questions)
                    d.key("codes")
                    d.array(state.codes[c.id] ?? []) { w, code in
                        w.object { k in
                            k.field("coder", code.coder)
                            k.field("team", teamNames[code.coder] ?? "")
                            k.decisionFields(code.decision)
                            k.field("memo", code.memo)
                        }
                    }
                }
            }
            o.key("next")
            if records.count == limit, let last = records.last { o.int(last.id) } else { o.null() }
        }
        return .json(json.bytes)
    }

    /// POST, one of
    /// - `{take: teamId, ids: [contributionId], reason?}`: each item's finding is that team's code;
    /// - `{items: [{contributionId, themes, notRelevant}], reason?}`: each item's finding as given.
    /// One transaction; a malformed body (422) settles nothing, an item the rules refuse (another
    /// campaign's, Prioritise or Act, not coded by that team) is skipped with its code.
    /// → `{done, skipped: [{id, code, message}]}`.
    static func settleMany(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let body = try JSONBody(request.body)
        let reason = TextRules.normalise(try body.string("reason") ?? "")
        guard reason.count <= 2000 else { throw APIError.validation(field: "reason", message: "Keep the reason under 2000 characters.") }
        let team = try body.int("take")
        let asked: [(id: Int64, decision: CodeDecision?, field: String)]
        if team != nil {
            let ids = try body.intArray("ids") ?? []
            asked = ids.map { (id: $0, decision: nil, field: "ids") }
        } else {
            asked = try (body.objects("items") ?? []).map {
                (id: try $0.requiredInt("contributionId"), decision: try AnalysisRoutes.decision($0), field: $0.fieldName("themes"))
            }
        }
        guard !asked.isEmpty else { throw APIError.validation(field: team == nil ? "items" : "ids", message: "List the items to settle.") }
        guard asked.count <= maxItems else {
            throw APIError.validation(field: team == nil ? "items" : "ids", message: "Settle at most \(maxItems) items at once.")
        }
        guard Set(asked.map(\.id)).count == asked.count else {
            throw APIError.validation(field: team == nil ? "items" : "ids", message: "Name each contribution once.")
        }
        let now = context.clock.now
        let (done, skipped) = try context.database.write { connection -> (Int, [Skipped]) in
            let store = CodeStore(connection)
            if let team, !(try store.teams(campaignID: campaign.id).contains { $0.id == team }) {
                throw APIError.validation(field: "take", message: "There is no such team in this campaign.")
            }
            let versions = try AnalysisRoutes.codebookVersions(campaignID: campaign.id, connection)
            let contributions = ContributionStore(connection)
            var done = 0
            var skipped: [Skipped] = []
            for item in asked {
                guard let contribution = try contributions.contribution(id: item.id), contribution.campaignID == campaign.id else {
                    skipped.append(Skipped(id: item.id, code: APIError.notFound.code, message: "There is no such contribution in this campaign."))
                    continue
                }
                do {
                    _ = try AnalysisRoutes.round(of: contribution)
                    let decision: CodeDecision
                    if let given = item.decision {
                        decision = given
                    } else if let team, let code = try store.codes(contributionID: item.id).first(where: { $0.coder == "t\(team)" }) {
                        decision = code.decision
                    } else {
                        throw CodingRefusal.noCodeFromTeam
                    }
                    let stamped = try AnalysisRoutes.themeVersions(decision, of: versions, field: item.field)
                    try settle(item.id, campaignID: campaign.id, decision: decision, versions: stamped, reason: reason,
                               staff: staff, connection, now: now)
                    done += 1
                } catch let refusal as any Refusal {
                    skipped.append(Skipped(id: item.id, code: refusal.code, message: refusal.message))
                }
            }
            return (done, skipped)
        }
        return .bulk(done: done, skipped: skipped)
    }

    /// Records the facilitator's decision as the item's finding, audited; inside a write.
    static func settle(
        _ id: Int64, campaignID: Int64, decision: CodeDecision, versions: [Int64: Int], reason: String,
        staff: StaffCaller, _ connection: Connection, now: Int64
    ) throws {
        try CodeStore(connection).reconcile(contributionID: id, decision: decision, themeVersions: versions,
                                            reason: reason, staffID: staff.id, now: now)
        try AuditStore(connection).append(
            NewAuditEntry(campaignID: campaignID, actor: staff.name, action: .reconcile,
                          target: "contribution:\(id)", reason: reason), now: now)
    }
}
