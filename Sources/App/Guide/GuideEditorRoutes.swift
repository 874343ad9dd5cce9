// Drafting a guide: its author (by contributor token) and invited contributors (by invitation token)
// read and save it; a save based on an old revision gets 409 with the current text.
import Campaigns
import HTTP
import Storage

enum GuideEditorRoutes {
    /// The header an invited editor sends their invitation token in (the link carries it in the
    /// URL fragment, which browsers never send, so it stays out of logs).
    static let inviteHeader = "X-Guide-Invite"

    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/guides/{id}", on: .pool, read)
        router.add(.put, "/api/guides/{id}", on: .pool, maxBodySize: 128 * 1024, save)
        router.add(.get, "/api/guides/{id}/revisions", on: .pool, revisions)
        router.add(.get, "/api/guides/{id}/diff", on: .pool, diff)
    }

    /// The anonymous label of the caller if they may edit guide `id`: "Author" for the idea's
    /// author, the invitation's label for an invited contributor; else 401.
    static func editor(_ request: Request, _ context: AppContext, guideID id: Int64) throws -> String {
        let invite = request.headers[inviteHeader]
        let now = context.clock.now
        let label = try context.database.read { connection -> String? in
            let store = GuideStore(connection)
            guard let guide = try store.guide(id: id), let ideaID = guide.contributionID,
                  let idea = try ContributionStore(connection).contribution(id: ideaID) else { throw APIError.notFound }
            if let invite {
                let hash = Tokens.hash(invite)
                if let editor = try store.editor(tokenHash: hash, now: now), Tokens.constantTimeEqual(editor.tokenHash, hash),
                   editor.guideID == id {
                    return editor.label
                }
            }
            let token = request.contributorToken(slug: idea.campaignSlug)
            if let caller = try context.contributor(token: token, campaignID: idea.campaignID, in: connection),
               caller.id == idea.contributorID {
                return "Author"
            }
            return nil
        }
        guard let label else { throw APIError.unauthorized }
        return label
    }

    static func read(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let you = try editor(request, context, guideID: id)
        let (guide, comments) = try context.database.read { connection in
            let store = GuideStore(connection)
            return (try store.guide(id: id), try store.comments(guideID: id))
        }
        guard let guide else { throw APIError.notFound }
        var json = JSONWriter(capacity: 4096)
        json.guideDraft(guide, comments: comments, you: you)
        return .json(json.bytes)
    }

    /// PUT {revision, title, sections: {problem, whatToDo, howToStart, whatItNeeds, evidence}}.
    /// `revision` is the one the editor started from. 409 `conflict` carries `current` (the latest
    /// text) so the editor can merge; 409 `final` once facilitators marked the guide final.
    static func save(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let you = try editor(request, context, guideID: id)
        let body = try JSONBody(request.body)
        let base = Int(try body.requiredInt("revision"))
        let title = TextRules.normalise(try body.requiredString("title"))
        guard (1...GuideRevision.titleMaxCharacters).contains(title.count) else {
            throw APIError.validation(field: "title", message: "Give the guide a title of at most 200 characters.")
        }
        let given = try body.stringMap("sections") ?? [:]
        var parsed: [GuideSection: String] = [:]
        for (key, text) in given {
            guard let section = GuideSection(rawValue: key) else {
                throw APIError.validation(field: "sections.\(key)", message: "Not a section of a guide.")
            }
            let normalised = TextRules.normalise(text)
            guard normalised.count <= GuideRevision.sectionMaxCharacters else {
                throw APIError.validation(field: "sections.\(key)", message: "Keep each section under 10000 characters.")
            }
            parsed[section] = normalised
        }
        let sections = parsed
        let now = context.clock.now
        let result = try context.database.write { connection -> Result<GuideRecord, GuideRefusal> in
            let store = GuideStore(connection)
            guard let current = try store.guide(id: id) else { throw APIError.notFound }
            switch GuideRevision.nextRevision(base: base, current: current.text.revision, isFinal: current.finalAt != nil) {
            case .success(let next):
                return .success(try store.save(id: id, revision: next, title: title, sections: sections, editor: you, now: now))
            case .failure(let refusal):
                return .failure(refusal)
            }
        }
        switch result {
        case .success(let guide):
            let comments = try context.database.read { try GuideStore($0).comments(guideID: id) }
            var json = JSONWriter(capacity: 4096)
            json.guideDraft(guide, comments: comments, you: you)
            return .json(json.bytes)
        case .failure(.stale):
            return try staleResponse(id: id, you: you, context)
        case .failure(let refusal):
            throw refusal
        }
    }

    /// 409 with the error envelope and the current guide, so the stale editor loses nothing.
    private static func staleResponse(id: Int64, you: String, _ context: AppContext) throws -> Response {
        let (guide, comments) = try context.database.read { connection in
            (try GuideStore(connection).guide(id: id), try GuideStore(connection).comments(guideID: id))
        }
        guard let guide else { throw APIError.notFound }
        let refusal = GuideRefusal.stale
        return ErrorMapping.envelope(
            status: ErrorMapping.status(refusal.kind), code: refusal.code, message: refusal.message,
            beside: { o in
                o.key("current")
                o.guideDraft(guide, comments: comments, you: you)
            })
    }

    static func revisions(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        _ = try editor(request, context, guideID: id)
        return try GuideRevisions.list(id: id, context)
    }

    static func diff(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        _ = try editor(request, context, guideID: id)
        return try GuideRevisions.diff(id: id, request, context)
    }
}
