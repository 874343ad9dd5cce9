// The codebook over HTTP: list, add and edit themes, coding teams and settings, publishing the framework.
import Campaigns
import HTTP
import Storage

enum CodebookRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/themes", list)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/themes", add)
        AdminRoutes.add(&router, .patch, "/admin/themes/{id}", edit)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/codebook", maxBodySize: maxCodebookBytes, importCodebook)
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/coding/teams", setTeam)
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/coding/settings", settings)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/publish-themes", publish)
    }

    /// GET: the codebook (archived themes included, flagged), the teams and how many code each item.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .code)
        let (themes, teams, perItem) = try context.database.read { connection in
            let codes = CodeStore(connection)
            return (try ThemeStore(connection).themes(campaignID: campaign.id), try codes.teams(campaignID: campaign.id),
                    try codes.teamsPerItem(campaignID: campaign.id))
        }
        var json = JSONWriter()
        json.object { o in
            o.key("themes")
            o.array(themes) { w, t in w.theme(t) }
            o.key("teams")
            o.array(teams) { w, t in w.team(t) }
            o.field("teamsPerItem", perItem)
        }
        return .json(json.bytes)
    }

    /// POST: a new theme. Analysts may add one (grounded theory: themes come up while coding, issue 20);
    /// changing or archiving a theme stays with facilitators, who keep the codebook.
    static func add(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .code)
        let body = try JSONBody(request.body)
        let (name, kind, description) = try themeFields(body)
        let parent = try body.int("parentId")
        let now = context.clock.now
        let theme = try context.database.write { connection in
            let store = ThemeStore(connection)
            if let parent { _ = try sameCampaign(parent, campaign.id, store) }
            return try store.add(campaignID: campaign.id, name: name, kind: kind, description: description,
                                 parentID: parent, staffID: staff.id, now: now)
        }
        var json = JSONWriter()
        json.theme(theme)
        return .json(json.bytes, status: .created)
    }

    /// PATCH: a changed name, kind, description or parent bumps the version; codes keep the old one.
    static func edit(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let existing = try context.database.read { try ThemeStore($0).theme(id: id) }
        guard let existing else { throw APIError.notFound }
        let staff = try AnalysisAccess.require(.facilitate, request, context, campaignID: existing.campaignID)
        let body = try JSONBody(request.body)
        var changeSoFar = ThemeChange()
        changeSoFar.name = try body.string("name").map(themeName)
        changeSoFar.kind = try body.string("kind").map(themeKind)
        changeSoFar.description = try body.string("description").map(themeDescription)
        if body.has("parentId") {
            let parent = try body.int("parentId")
            if parent == id { throw APIError.validation(field: "parentId", message: "A theme cannot be its own parent.") }
            changeSoFar.parentID = .some(parent)
        }
        changeSoFar.archived = try body.bool("archived")
        let now = context.clock.now
        let change = changeSoFar
        let theme = try context.database.write { connection in
            let store = ThemeStore(connection)
            if case .some(.some(let parent)) = change.parentID { _ = try sameCampaign(parent, existing.campaignID, store) }
            return try store.update(id: id, change, staffID: staff.id, now: now)
        }
        var json = JSONWriter()
        json.theme(theme)
        return .json(json.bytes)
    }

    /// PUT {name, members: [staffId]}: creates or re-staffs a coding team.
    static func setTeam(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let body = try JSONBody(request.body)
        let name = TextRules.normalise(try body.requiredString("name"))
        guard (1...64).contains(name.count) else {
            throw APIError.validation(field: "name", message: "Give the team a name of at most 64 characters.")
        }
        let members = try body.intArray("members") ?? []
        let now = context.clock.now
        let team = try context.database.write { connection in
            try CodeStore(connection).setTeam(campaignID: campaign.id, name: name, members: members, now: now)
        }
        var json = JSONWriter()
        json.team(team)
        return .json(json.bytes)
    }

    /// PUT {teamsPerItem: 1|2}.
    static func settings(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let count = try JSONBody(request.body).requiredInt("teamsPerItem")
        guard (1...2).contains(count) else {
            throw APIError.validation(field: "teamsPerItem", message: "Each item is coded by 1 or 2 teams.")
        }
        try context.database.write { try CodeStore($0).setTeamsPerItem(campaignID: campaign.id, Int(count)) }
        var json = JSONWriter()
        json.object { $0.field("teamsPerItem", Int(count)) }
        return .json(json.bytes)
    }

    /// POST: publishes the framework, exactly the unarchived themes that appear in at least one
    /// finding (reconciled or agreed) and their parents, so contributors link ideas to them in Answer.
    /// Says what it left out and why (`left: [{id, name, reason: archived|no_finding}]`) and how many
    /// Understand items are not settled yet (`unsettled`): a theme only they carry is not published.
    static func publish(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let now = context.clock.now
        let (published, left, unsettled) = try context.database.write { connection -> ([CodebookTheme], [(CodebookTheme, String)], Int) in
            let state = try CodingState.load(campaignID: campaign.id, connection)
            let findings = state.findings
            let unsettled = state.items.filter { state.status($0).finding == nil }.count
            let store = ThemeStore(connection)
            let themes = try store.themes(campaignID: campaign.id)
            let byID = Dictionary(uniqueKeysWithValues: themes.map { ($0.id, $0) })
            var ids = Set(findings.values.flatMap(\.themes))
            for id in ids { var parent = byID[id]?.parentID; while let p = parent, ids.insert(p).inserted { parent = byID[p]?.parentID } }
            ids = ids.filter { byID[$0].map { !$0.archived } ?? false }
            _ = try store.publish(campaignID: campaign.id, ids: ids)
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: staff.name, action: .publishThemes,
                              target: "campaign:\(campaign.slug)", reason: "\(ids.count) themes"), now: now)
            let left = themes.filter { !ids.contains($0.id) }.map { ($0, $0.archived ? "archived" : "no_finding") }
            return (try store.themes(campaignID: campaign.id).filter(\.published), left, unsettled)
        }
        var json = JSONWriter()
        json.object { o in
            o.key("published")
            o.array(published) { w, t in w.theme(t) }
            o.key("left")
            o.array(left) { w, pair in
                w.object { l in
                    l.field("id", pair.0.id)
                    l.field("name", pair.0.name)
                    l.field("reason", pair.1)
                }
            }
            o.field("unsettled", unsettled)
        }
        return .json(json.bytes)
    }

    private static func sameCampaign(_ id: Int64, _ campaignID: Int64, _ store: ThemeStore) throws -> CodebookTheme {
        guard let theme = try store.theme(id: id), theme.campaignID == campaignID else {
            throw APIError.validation(field: "parentId", message: "Choose a parent theme of the same campaign.")
        }
        return theme
    }

    /// A new theme's `name`, `kind` (default barrier) and `description`, each checked (422 naming the field).
    static func themeFields(_ body: JSONBody) throws -> (name: String, kind: ThemeKind, description: String) {
        (try themeName(body.requiredString("name")), try themeKind(body.string("kind") ?? "barrier"),
         try themeDescription(body.string("description") ?? ""))
    }

    private static func themeName(_ raw: String) throws -> String {
        let name = TextRules.normalise(raw)
        guard (1...120).contains(name.count) else {
            throw APIError.validation(field: "name", message: "Give the theme a name of at most 120 characters.")
        }
        return name
    }

    private static func themeKind(_ raw: String) throws -> ThemeKind {
        guard let kind = ThemeKind(rawValue: raw) else {
            throw APIError.validation(
                field: "kind", message: "Use barrier, building_block, or a short lower-case name of your own.")
        }
        return kind
    }

    private static func themeDescription(_ raw: String) throws -> String {
        let text = TextRules.normalise(raw)
        guard text.count <= 2000 else {
            throw APIError.validation(field: "description", message: "Keep the description under 2000 characters.")
        }
        return text
    }
}
