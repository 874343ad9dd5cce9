// POST /api/campaigns/{slug}/join: anonymous joining with an optional invite or access code and profile.
import Campaigns
import HTTP
import Storage

enum JoinRoute {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.post, "/api/campaigns/{slug}/join", maxBodySize: 16 * 1024, join)
    }

    /// What the write needs, checked before it.
    private struct Plan: Sendable {
        var campaignID: Int64
        var tokenHash: [UInt8]
        var codeHash: [UInt8]?
        var useInvite: Bool
        var answers: [Int64: String]
    }

    static func join(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let body = try JSONBody(request.body)
        let code = try body.string("code").map(TextRules.normalise)
        let profile = try body.stringMap("profile") ?? [:]
        let existingToken = request.contributorToken(slug: slug)

        let (snapshot, alreadyJoined, questions) = try context.database.read { connection in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            let joined = try ContributorStore(connection).contributor(token: existingToken, campaignID: snapshot.campaign.id)
            return (snapshot, joined != nil, try CampaignStore(connection).profileQuestions(campaignID: snapshot.campaign.id))
        }
        switch snapshot.campaign.state {
        case .live: break
        case .draft, .archived: throw APIError.refused(.campaignNotLive)
        }
        if alreadyJoined { return joinedResponse(token: nil, slug: slug, status: .ok, context: context) }

        let answers = try validate(profile: profile, questions: questions)
        var codeHash: [UInt8]?
        var useInvite = false
        switch snapshot.campaign.access {
        case .open:
            break
        case .invite:
            guard let code, !code.isEmpty else {
                throw APIError.forbidden(code: "invite_required", message: "This campaign needs an invitation code.")
            }
            let hash = Tokens.hashCode(code)
            if let access = snapshot.campaign.accessCodeHash, Tokens.constantTimeEqual(access, hash) {
                useInvite = false
            } else {
                codeHash = hash
                useInvite = true
            }
        }
        try context.rateLimiter.check(.join, contributorID: nil, address: request.remoteAddress)

        let token = Tokens.generate()
        let plan = Plan(
            campaignID: snapshot.campaign.id, tokenHash: Tokens.hash(token), codeHash: codeHash, useInvite: useInvite,
            answers: answers)
        let now = context.clock.now
        let seed = Tokens.randomSeed()
        try context.database.write { connection in
            let contributors = ContributorStore(connection)
            if plan.useInvite, let codeHash = plan.codeHash {
                switch try contributors.useInvite(campaignID: plan.campaignID, codeHash: codeHash, now: now) {
                case .used: break
                case .unknown: throw APIError.forbidden(code: "invalid_code", message: "That code is not valid for this campaign.")
                case .alreadyUsed: throw APIError.conflict(code: "code_used", message: "That invitation code has already been used.")
                }
            }
            let id = try contributors.create(campaignID: plan.campaignID, tokenHash: plan.tokenHash, shuffleSeed: seed, now: now)
            try contributors.saveProfile(contributorID: id, answers: plan.answers)
        }
        return joinedResponse(token: token, slug: slug, status: .created, context: context)
    }

    /// Profile answers keyed by profile question id; unknown keys, unknown choices and missing
    /// required answers are 422 naming `profile.<key>`.
    private static func validate(profile: [String: String], questions: [ProfileQuestionRecord]) throws -> [Int64: String] {
        var answers: [Int64: String] = [:]
        for (key, choice) in profile {
            guard let question = questions.first(where: { $0.key == key }) else {
                throw APIError.validation(field: "profile.\(key)", message: "There is no such profile question.")
            }
            guard question.choices.contains(choice) else {
                throw APIError.validation(field: "profile.\(key)", message: "Choose one of the offered answers.")
            }
            answers[question.id] = choice
        }
        for question in questions where question.required && answers[question.id] == nil {
            throw APIError.validation(field: "profile.\(question.key)", message: "This question needs an answer.")
        }
        return answers
    }

    private static func joinedResponse(token: String?, slug: String, status: HTTPStatus, context: AppContext) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.field("token", token)
            o.field("campaign", slug)
        }
        var response = Response.json(json.bytes, status: status)
        if let token {
            var cookie = "\(CookieNames.contributor(slug: slug))=\(token); Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000"
            if context.configuration.secureCookies { cookie += "; Secure" }
            response.headers.add("Set-Cookie", cookie)
        }
        return response
    }
}
