// Blind coding over HTTP: an analyst's queue (claimed as it is handed out), and reading codes without seeing other teams'.
import Campaigns
import HTTP
import Storage

enum CodingRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/queue", queue)
        AdminRoutes.add(&router, .delete, "/admin/campaigns/{slug}/coding/claims", release)
        AdminRoutes.add(&router, .put, "/admin/contributions/{id}/codes", CodeSaving.saveOne)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/coding/codes", maxBodySize: CodeSaving.maxBulkBody,
                        CodeSaving.saveMany)
        AdminRoutes.add(&router, .get, "/admin/contributions/{id}/codes", read)
    }

    /// Longest queue returned at once (and the most items an analyst holds claims on).
    static let queueLimit = 50

    /// GET `?round=understand|answer&limit=`: the items the caller's team still has to code in the
    /// round, the caller's own claimed page first, then in `CodebookSettlement.queue`'s order (items
    /// another team has coded before items nobody has). Every item returned is claimed
    /// for the caller for `CodingClaims.lease` seconds (asking again renews the claims), so no other
    /// analyst of the team is handed it meanwhile. Each item names the question it answers.
    static func queue(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .code)
        let round = try AnalysisRoutes.round(request)
        let limit = min(queueLimit, try request.integerQuery("limit", in: 1...100) ?? queueLimit)
        let now = context.clock.now
        let until = now + CodingClaims.lease
        let (coder, perItem) = try context.database.read { connection in
            let store = CodeStore(connection)
            return (try store.coder(staffID: staff.id, campaignID: campaign.id),
                    try store.teamsPerItem(campaignID: campaign.id))
        }
        // Read the queue, then claim its head in one write that takes over only lapsed claims; an
        // item a teammate claimed in between is dropped and the next one read. A few rounds settle it.
        var held: [Int64] = []
        var remaining = 0
        for _ in 0..<4 {
            let ids = try context.database.read { connection in
                CodebookSettlement.queue(
                    try CodeStore(connection).queueEntries(
                        campaignID: campaign.id, phase: round.phase, coder: coder, staffID: staff.id, now: now),
                    required: perItem)
            }
            remaining = ids.count
            let wanted = Array(ids.prefix(limit))
            let claimed = try context.database.write { connection in
                try CodeStore(connection).claim(
                    wanted, coder: coder, staffID: staff.id, campaignID: campaign.id, phase: round.phase,
                    until: until, now: now)
            }
            held = wanted.filter(claimed.contains)
            if held.count == wanted.count { break }
        }
        let (records, questions) = try context.database.read { connection in
            let contributions = ContributionStore(connection)
            let questions = try CampaignStore(connection).questions(campaignID: campaign.id)
            return (try held.compactMap { try contributions.contribution(id: $0) },
                    Dictionary(questions.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a }))
        }
        var json = JSONWriter()
        json.object { o in
            o.field("round", round.rawValue)
            o.field("coder", coder)
            o.field("teamsPerItem", perItem)
            o.field("remaining", remaining)
            o.field("claimedUntil", ISOTime.string(until))
            o.key("items")
            o.array(records) { w, c in
                w.object { i in
                    i.field("id", c.id)
                    i.itemText(c, questions: questions)
                    i.field("createdAt", ISOTime.string(c.createdAt))
                }
            }
        }
        return .json(json.bytes)
    }

    /// DELETE: gives back every item the caller holds a claim on in the campaign (leaving the coding
    /// screen), so teammates are handed them at once rather than after the lease.
    static func release(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .code)
        try context.database.write { try CodeStore($0).releaseClaims(staffID: staff.id, campaignID: campaign.id) }
        return .json(Array("{\"released\":true}".utf8))
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

extension JSONWriter {
    /// What a coder reads of an item: its title and body, and the question it answers.
    mutating func itemText(_ c: ContributionRecord, questions: [Int64: String]) {
        field("title", c.title)
        field("body", c.body)
        field("questionId", c.questionID)
        field("question", questions[c.questionID] ?? "")
    }
}
