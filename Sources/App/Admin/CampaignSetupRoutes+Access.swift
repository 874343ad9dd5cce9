// Who may join (invite codes as CSV for a mail merge, a shared access code) and the team's official statements.
import Campaigns
import HTTP
import Storage

extension CampaignSetupRoutes {
    /// Most invite codes one request may make.
    static let maxInvites: Int64 = 10_000

    /// `{count}` → text/csv with one `code` column. Codes are shown once; only their keyed hashes are
    /// kept, in no order, with nothing that will say when or by whom one is used (PRIVACY.md).
    static func invites(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try campaign.requireEditable()
        let count = try JSONBody(request.body).requiredInt("count")
        guard (1...maxInvites).contains(count) else {
            throw APIError.validation(field: "count", message: "Must be from 1 to \(maxInvites).")
        }
        let codes = (0..<count).map { _ in Tokens.inviteCode() }
        let macs = codes.map(context.key.inviteMAC)
        let now = context.clock.now
        try context.database.write { connection in
            try ContributorStore(connection).addInvites(campaignID: campaign.id, macs: macs)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .invitesCreate,
                    target: "campaign:\(campaign.slug)", reason: "\(count) codes"), now: now)
        }
        var csv = CSVEncoder.byteOrderMark
        CSVEncoder.encodeRow([.text("code")], into: &csv)
        for code in codes { CSVEncoder.encodeRow([.text(code)], into: &csv) }
        var response = Response(status: .ok, body: .bytes(csv))
        response.headers.add("Content-Type", "text/csv; charset=utf-8")
        response.headers.add("Content-Disposition", "attachment; filename=\"\(campaign.slug)-invites.csv\"")
        return response
    }

    /// `{code}` sets the shared access code (6 to 100 characters); null or "" removes it. A code only counts
    /// where one is needed to join, so setting one on an open campaign makes it `invite`: the console's
    /// "Set access code" always does what it says. Removing the code leaves the access as it is.
    static func accessCode(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try campaign.requireEditable()
        let code = try accessCodeField(JSONBody(request.body), "code")
        let now = context.clock.now
        let mac = code.map(context.key.accessCodeMAC)
        try context.database.write { connection in
            let store = AdminCampaignStore(connection)
            try store.setAccessCode(campaignID: campaign.id, mac: mac)
            let audit = AuditStore(connection)
            try audit.append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: mac == nil ? .accessCodeRemove : .accessCodeSet,
                    target: "campaign:\(campaign.slug)"), now: now)
            guard mac != nil, try CampaignStore(connection).campaign(id: campaign.id)?.access == .open else { return }
            try store.update(campaignID: campaign.id, CampaignChanges(access: .invite))
            try audit.append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .campaignEdit, target: "campaign:\(campaign.slug)",
                    reason: "access"), now: now)
        }
        return try respond(campaignID: campaign.id, context)
    }

    /// A shared access code from `key`, normalised; nil when absent or "" (no code), 422 unless 6 to 100 characters.
    static func accessCodeField(_ body: JSONBody, _ key: String) throws -> String? {
        guard let code = try body.string(key).map(TextRules.normalise), !code.isEmpty else { return nil }
        guard (6...100).contains(code.count) else { throw APIError.validation(field: key, message: "Use 6 to 100 characters.") }
        return code
    }

    /// `{questionId, title, body}` → 201 Contribution marked official ("from the campaign team").
    static func statement(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try campaign.requireEditable()
        let body = try JSONBody(request.body)
        let questionID = try body.requiredInt("questionId")
        let title = try body.string("title").map(TextRules.normalise)
        let text = TextRules.normalise(try body.requiredString("body"))
        if let problem = TextRules.validateTitle(title) { throw APIError.text(problem, field: "title") }
        if let problem = TextRules.validateBody(text) { throw APIError.text(problem, field: "body") }
        let now = context.clock.now
        let record = try context.database.write { connection -> ContributionRecord in
            let record = try insertOfficial(
                campaignID: campaign.id, questionID: questionID, title: title, body: text, now: now, in: connection)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .statement, target: "contribution:\(record.id)"),
                now: now)
            return record
        }
        context.publishContribution(record)
        var json = JSONWriter()
        json.contribution(record, viewer: nil)
        return .json(json.bytes, status: .created)
    }

    /// The team's official contribution to question `questionID` of the campaign (its phase is the
    /// question's), for statements and stories alike; 422 `questionId` for a question it does not have.
    static func insertOfficial(
        campaignID: Int64, questionID: Int64, title: String?, body: String, now: Int64, in connection: Connection
    ) throws -> ContributionRecord {
        guard let question = try AdminCampaignStore(connection).question(id: questionID),
              question.campaignID == campaignID, !question.deleted else {
            throw APIError.validation(field: "questionId", message: "No such question in this campaign.")
        }
        return try ContributionStore(connection).insert(
            NewContribution(
                campaignID: campaignID, questionID: question.id, contributorID: nil, phase: question.phase,
                title: title, body: body, official: true),
            now: now)
    }
}
