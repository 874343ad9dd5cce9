// Saving codes: one item, or a whole page of the queue in one request, under the same blind-coding rules.
import Campaigns
import HTTP
import Storage

/// PUT /admin/contributions/{id}/codes and POST /admin/campaigns/{slug}/coding/codes.
enum CodeSaving {
    /// Most codes one bulk request saves (four pages of the queue).
    static let maxBulk = 200
    /// A bulk body: 200 codes with memos of up to 2,000 characters fit.
    static let maxBulkBody = 1024 * 1024

    /// One code as a request asks for it.
    struct Entry: Sendable {
        var contributionID: Int64
        var decision: CodeDecision
        var memo: String
        /// The caller means to replace a code their team already has from another analyst.
        var revise: Bool
        /// The name of the `themes` field in errors.
        var themesField: String
    }

    static func entry(_ body: JSONBody, id: Int64) throws -> Entry {
        let memo = TextRules.normalise(try body.string("memo") ?? "")
        guard memo.count <= 2000 else {
            throw APIError.validation(field: body.fieldName("memo"), message: "Keep the memo under 2000 characters.")
        }
        return Entry(contributionID: id, decision: try AnalysisRoutes.decision(body), memo: memo,
                     revise: try body.bool("revise") ?? false, themesField: body.fieldName("themes"))
    }

    /// PUT {themes: [id], notRelevant, memo, revise?}: the caller's team's code, stamped with theme versions.
    static func saveOne(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let contribution = try AnalysisRoutes.contribution(id, context)
        let staff = try AnalysisAccess.require(.code, request, context, campaignID: contribution.campaignID)
        let entry = try entry(try JSONBody(request.body), id: id)
        let now = context.clock.now
        let code = try context.database.write { connection -> CodeRecord in
            let store = CodeStore(connection)
            let coder = try store.coder(staffID: staff.id, campaignID: contribution.campaignID)
            let versions = try AnalysisRoutes.codebookVersions(campaignID: contribution.campaignID, connection)
            return try save(entry, contribution, staffID: staff.id, coder: coder, versions: versions, connection, now: now)
        }
        var json = JSONWriter()
        json.code(code, mine: true)
        return .json(json.bytes)
    }

    /// POST {items: [{contributionId, themes, notRelevant, memo?, revise?}]}: many codes in one
    /// transaction. A malformed item (422) saves nothing; an item the rules refuse (claimed by a
    /// teammate, reconciled, machine-coded, another campaign's) is skipped with its code, the rest saved.
    /// → `{done, saved: [code…], skipped: [{id, code, message}]}`.
    static func saveMany(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .code)
        let body = try JSONBody(request.body)
        guard let list = try body.objects("items"), !list.isEmpty else {
            throw APIError.validation(field: "items", message: "List the codes to save.")
        }
        guard list.count <= maxBulk else {
            throw APIError.validation(field: "items", message: "Save at most \(maxBulk) codes at once.")
        }
        let entries = try list.map { try entry($0, id: try $0.requiredInt("contributionId")) }
        guard Set(entries.map(\.contributionID)).count == entries.count else {
            throw APIError.validation(field: "items", message: "Name each contribution once.")
        }
        let now = context.clock.now
        let (saved, skipped) = try context.database.write { connection -> ([CodeRecord], [Skipped]) in
            let store = CodeStore(connection)
            let contributions = ContributionStore(connection)
            let coder = try store.coder(staffID: staff.id, campaignID: campaign.id)
            let versions = try AnalysisRoutes.codebookVersions(campaignID: campaign.id, connection)
            var saved: [CodeRecord] = []
            var skipped: [Skipped] = []
            for entry in entries {
                guard let contribution = try contributions.contribution(id: entry.contributionID),
                      contribution.campaignID == campaign.id
                else {
                    skipped.append(Skipped(id: entry.contributionID, code: APIError.notFound.code, message: "There is no such contribution in this campaign."))
                    continue
                }
                do {
                    saved.append(try save(entry, contribution, staffID: staff.id, coder: coder, versions: versions, connection, now: now))
                } catch let refusal as any Refusal {
                    skipped.append(Skipped(id: entry.contributionID, code: refusal.code, message: refusal.message))
                }
            }
            return (saved, skipped)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("done", saved.count)
            o.key("saved")
            o.array(saved) { w, code in
                w.object { s in
                    s.field("contributionId", code.contributionID)
                    s.key("code")
                    s.code(code, mine: true)
                }
            }
            o.skipped(skipped)
        }
        return .json(json.bytes)
    }

    /// Saves one code inside a write after every rule of blind coding: the item is codable in a
    /// round, not reconciled, not machine-coded, not claimed by a teammate, and not already coded
    /// by a teammate unless the entry revises it. Throws the refusal otherwise.
    static func save(
        _ entry: Entry, _ contribution: ContributionRecord, staffID: Int64, coder: String, versions: [Int64: Int],
        _ connection: Connection, now: Int64
    ) throws -> CodeRecord {
        let id = contribution.id
        _ = try AnalysisRoutes.round(of: contribution)
        let store = CodeStore(connection)
        if let refusal = BlindCoding.saveRefusal(reconciled: try store.reconciliation(contributionID: id) != nil) {
            throw refusal
        }
        if let refusal = SuggestionRules.checkCoding(
            machineCoded: try MachineCodeStore(connection).code(contributionID: id) != nil) {
            throw refusal
        }
        let stamped = try AnalysisRoutes.themeVersions(entry.decision, of: versions, field: entry.themesField)
        let existing = try store.codes(contributionID: id)
        if let refusal = CodingClaims.saveRefusal(
            claimedByTeammateUntil: try store.teammateClaim(contributionID: id, coder: coder, staffID: staffID, now: now),
            now: now,
            codedByTeammate: existing.contains { $0.coder == coder && $0.staffID != staffID },
            revising: entry.revise) {
            throw refusal
        }
        try store.save(contributionID: id, staffID: staffID, coder: coder, decision: entry.decision,
                       themeVersions: stamped, memo: entry.memo, now: now)
        guard let saved = try store.codes(contributionID: id).first(where: { $0.coder == coder }) else {
            throw StoreError.notFound
        }
        return saved
    }
}
