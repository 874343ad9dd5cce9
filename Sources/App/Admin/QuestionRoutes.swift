// Questions per phase and profile questions: added, edited and removed by staff who set campaigns up.
import Campaigns
import HTTP
import Storage

enum QuestionRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/questions", maxBodySize: 16 * 1024, add)
        AdminRoutes.add(&router, .patch, "/admin/questions/{id}", maxBodySize: 16 * 1024, edit)
        AdminRoutes.add(&router, .delete, "/admin/questions/{id}", remove)
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/profile-questions", maxBodySize: 64 * 1024, setProfile)
    }

    /// `{phase, text}` → 201 `{id, phase, text}`.
    static func add(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try campaign.requireEditable()
        let body = try JSONBody(request.body)
        let phase = try phaseField(body, required: true) ?? .understand
        let text = try CampaignSetupRoutes.requiredText(body, "text", max: 1000)
        let now = context.clock.now
        let id = try context.database.write { connection -> Int64 in
            let id = try CampaignStore(connection).addQuestion(campaignID: campaign.id, phase: phase, text: text)
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: caller.name, action: .questionAdd, target: "question:\(id)"),
                now: now)
            return id
        }
        return question(id: id, phase: phase, text: text, status: .created)
    }

    static func edit(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, found) = try load(request, context)
        let body = try JSONBody(request.body)
        let phase = try phaseField(body, required: false)
        let text = try CampaignSetupRoutes.optionalText(body, "text", max: 1000)
        if text?.isEmpty == true { throw APIError.validation(field: "text", message: "Is required.") }
        let now = context.clock.now
        try context.database.write { connection in
            try AdminCampaignStore(connection).updateQuestion(id: found.id, text: text, phase: phase)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: found.campaignID, actor: caller.name, action: .questionEdit, target: "question:\(found.id)"),
                now: now)
        }
        return question(id: found.id, phase: phase ?? found.phase, text: text ?? found.text, status: .ok)
    }

    static func remove(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, found) = try load(request, context)
        let now = context.clock.now
        try context.database.write { connection in
            try AdminCampaignStore(connection).deleteQuestion(id: found.id)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: found.campaignID, actor: caller.name, action: .questionDelete, target: "question:\(found.id)"),
                now: now)
        }
        return .json(Array("{\"deleted\":true}".utf8))
    }

    /// The question `{id}` if the caller may set up its campaign and the campaign is editable.
    private static func load(_ request: Request, _ context: AppContext) throws -> (StaffCaller, AdminQuestionRecord) {
        let caller = try context.requireStaff(request, .setUpCampaigns)
        let id = try request.idParameter("id")
        let (question, campaign) = try context.database.read { connection -> (AdminQuestionRecord, CampaignRecord) in
            guard let question = try AdminCampaignStore(connection).question(id: id), !question.deleted,
                  let campaign = try CampaignStore(connection).campaign(id: question.campaignID) else { throw APIError.notFound }
            return (question, campaign)
        }
        try caller.requireCovers(campaignID: campaign.id)
        try campaign.requireEditable()
        return (caller, question)
    }

    /// `[{key, label, choices, required}]` replaces the profile questions; drafts only, since
    /// replacing them drops the answers already given.
    static func setProfile(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        switch campaign.state {
        case .draft: break
        case .live, .archived:
            throw CampaignRefusal.profileLocked
        }
        let questions = try JSONBody.objects(request.body).enumerated().map { index, item -> ProfileQuestionRecord in
            let key = try item.requiredString("key")
            guard CampaignSetupRoutes.isValidSlug(key) else {
                throw APIError.validation(field: "[\(index)].key", message: "Use lowercase letters, digits and dashes.")
            }
            let choices = try item.stringArray("choices") ?? []
            guard !choices.isEmpty, choices.count <= 50, Set(choices).count == choices.count else {
                throw APIError.validation(field: "[\(index)].choices", message: "Give 1 to 50 different choices.")
            }
            return ProfileQuestionRecord(
                key: key, label: TextRules.normalise(try item.requiredString("label")), choices: choices,
                required: try item.bool("required") ?? false)
        }
        guard Set(questions.map(\.key)).count == questions.count else {
            throw APIError.validation(field: "key", message: "Each key may appear once.")
        }
        let now = context.clock.now
        try context.database.write { connection in
            try CampaignStore(connection).setProfileQuestions(campaignID: campaign.id, questions)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .profileQuestionsSet,
                    target: "campaign:\(campaign.slug)"), now: now)
        }
        return try CampaignSetupRoutes.respond(campaignID: campaign.id, context)
    }

    private static func phaseField(_ body: JSONBody, required: Bool) throws -> PhaseKind? {
        guard let text = required ? try body.requiredString("phase") : try body.string("phase") else { return nil }
        guard let phase = PhaseKind(rawValue: text) else {
            throw APIError.validation(field: "phase", message: "Must be understand, answer, prioritise or act.")
        }
        return phase
    }

    private static func question(id: Int64, phase: PhaseKind, text: String, status: HTTPStatus) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.field("id", id)
            o.field("phase", phase.rawValue)
            o.field("text", text)
        }
        return .json(json.bytes, status: status)
    }
}
