// Agreement between coding teams, reconciliation of disputes, the findings and the barriers × ideas matrix.
import Campaigns
import HTTP
import Storage

enum AgreementRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/agreement", agreement)
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/reconcile", reconcile)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/findings", findings)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/matrix", matrix)
    }

    /// Example quotes per theme in the findings.
    static let examplesPerTheme = 3

    /// GET `?round=understand|answer`: percent agreement, Cohen's kappa (mean pairwise beyond two
    /// teams) and Krippendorff's alpha per theme and overall, from the independent codes of one
    /// round; plus every open disagreement (`/coding/disputes` pages them).
    static func agreement(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let round = try AnalysisRoutes.round(request)
        let (state, themes, disputed) = try context.database.read { connection in
            let state = try CodingState.load(campaignID: campaign.id, round: round, connection)
            let themes = try ThemeStore(connection).themes(campaignID: campaign.id).filter { !$0.archived }
            let contributions = ContributionStore(connection)
            let disputed = try state.items.filter { state.status($0) == .disputed }
                .compactMap { try contributions.contribution(id: $0) }
            return (state, themes, disputed)
        }
        let report = AgreementReport.build(codes: state.agreementInput, themes: themes.map(\.id))
        let statuses = state.items.map { state.status($0).name }
        var json = JSONWriter()
        json.object { o in
            o.field("round", round.rawValue)
            o.field("teamsPerItem", state.teamsPerItem)
            o.key("overall")
            o.figures(report.overall)
            o.key("themes")
            o.array(zip(themes, report.byTheme)) { w, pair in
                w.object { t in
                    t.field("id", pair.0.id)
                    t.field("name", pair.0.name)
                    t.field("kind", pair.0.kind.rawValue)
                    t.key("figures")
                    t.figures(pair.1.figures)
                }
            }
            o.key("status")
            o.object { s in
                for name in ["awaiting", "agreed", "disputed", "reconciled"] {
                    s.field(name, statuses.filter { $0 == name }.count)
                }
            }
            o.key("disagreements")
            o.array(disputed) { w, c in
                w.object { d in
                    d.field("contributionId", c.id)
                    d.field("title", c.title)
                    d.field("body", c.body)
                    d.key("codes")
                    d.array(state.codes[c.id] ?? []) { w, code in w.code(code, mine: false) }
                }
            }
        }
        return .json(json.bytes)
    }

    /// POST {themes, notRelevant?, reason?}: the facilitator's decision becomes the item's finding.
    static func reconcile(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let contribution = try AnalysisRoutes.contribution(id, context)
        let staff = try AnalysisAccess.require(.facilitate, request, context, campaignID: contribution.campaignID)
        _ = try AnalysisRoutes.round(of: contribution)
        let body = try JSONBody(request.body)
        let decision = try AnalysisRoutes.decision(body)
        let reason = TextRules.normalise(try body.string("reason") ?? "")
        let now = context.clock.now
        try context.database.write { connection in
            let versions = try AnalysisRoutes.themeVersions(decision, campaignID: contribution.campaignID, connection)
            try Reconciling.settle(id, campaignID: contribution.campaignID, decision: decision, versions: versions,
                                   reason: reason, staff: staff, connection, now: now)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("contributionId", id)
            o.field("status", "reconciled")
            o.key("finding")
            o.object { $0.decisionFields(decision) }
        }
        return .json(json.bytes)
    }

    /// GET `?round=`: how many findings carry each theme, with a few example quotes, and the
    /// not-relevant count; beside them, kept apart, what the machine coder coded (`machineCount`,
    /// `machineCoded`; it codes Understand only).
    static func findings(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let round = try AnalysisRoutes.round(request)
        let (findings, machine, themes, quotes) = try context.database.read { connection in
            let findings = try CodingState.load(campaignID: campaign.id, round: round, connection).findings
            var machine: [MachineCodeRecord] = []
            if round == .understand {
                machine = try MachineCodeStore(connection).codes(campaignID: campaign.id).filter { findings[$0.contributionID] == nil }
            }
            let themes = try ThemeStore(connection).themes(campaignID: campaign.id)
            let contributions = ContributionStore(connection)
            var quotes: [Int64: [ContributionRecord]] = [:]
            for theme in themes {
                let ids = findings.filter { $0.value.themes.contains(theme.id) }.keys.sorted().prefix(examplesPerTheme)
                quotes[theme.id] = try ids.compactMap { try contributions.contribution(id: $0) }
            }
            return (findings, machine, themes, quotes)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("round", round.rawValue)
            o.field("items", findings.count)
            o.field("notRelevant", findings.values.filter(\.notRelevant).count)
            o.field("machineCoded", machine.count)
            o.field("machineNotRelevant", machine.filter(\.decision.notRelevant).count)
            o.key("themes")
            o.array(themes) { w, t in
                w.object { j in
                    j.field("id", t.id)
                    j.field("name", t.name)
                    j.field("kind", t.kind.rawValue)
                    j.field("count", findings.values.filter { $0.themes.contains(t.id) }.count)
                    j.field("machineCount", machine.filter { $0.decision.themes.contains(t.id) }.count)
                    j.key("examples")
                    j.array(quotes[t.id] ?? []) { w, c in
                        w.object { q in
                            q.field("contributionId", c.id)
                            q.field("body", c.body)
                        }
                    }
                }
            }
        }
        return .json(json.bytes)
    }

    /// GET: barriers (columns) × Answer-phase ideas (rows), marking the barriers each idea addresses.
    static func matrix(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let (barriers, ideas) = try context.database.read { connection in
            let store = ThemeStore(connection)
            return (try store.themes(campaignID: campaign.id).filter { $0.published && $0.kind == .barrier },
                    try store.linkedIdeas(campaignID: campaign.id))
        }
        let barrierIDs = Set(barriers.map(\.id))
        var json = JSONWriter()
        json.object { o in
            o.key("barriers")
            o.array(barriers) { w, b in
                w.object { j in
                    j.field("id", b.id)
                    j.field("name", b.name)
                    j.field("ideas", ideas.filter { $0.themes.contains(b.id) }.count)
                }
            }
            o.key("ideas")
            o.array(ideas) { w, idea in
                w.object { j in
                    j.field("id", idea.id)
                    j.field("title", idea.title)
                    j.field("score", idea.score)
                    j.key("barriers")
                    j.array(idea.themes.filter(barrierIDs.contains)) { w, id in w.int(id) }
                }
            }
        }
        return .json(json.bytes)
    }
}
