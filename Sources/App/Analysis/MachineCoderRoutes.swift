// The machine coder over HTTP: its measured agreement, and switching it on to code the items no team codes.
import Campaigns
import HTTP
import Storage

enum MachineCoderRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/assist", status)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/machine", measure)
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/coding/machine/settings", settings)
        SuggestionRoutes.register(&router)
    }

    /// GET: what the analysis aids can do for the campaign now, cheaply and always 200: how many
    /// Understand texts there are to group, whether a draft of candidates exists, how many settled
    /// codes the machine coder has and needs, whether it codes the items no team codes.
    static func status(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let (input, draft, enabled, machineCoded, eligible) = try context.database.read { connection in
            let machine = MachineCodeStore(connection)
            return (try MachineCoderInput.load(campaignID: campaign.id, connection),
                    try CandidateStore(connection).draft(campaignID: campaign.id) != nil, try machine.enabled(campaignID: campaign.id),
                    try machine.codes(campaignID: campaign.id).count, try CodeStore(connection).uncodedItems(campaignID: campaign.id).count)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("texts", input.texts.count)
            o.field("draft", draft)
            o.field("themes", input.themes.count)
            o.field("settled", input.settled.count)
            o.field("needed", MachineCoderEvaluation.minimumSettled)
            o.field("measurable", !input.themes.isEmpty && input.settled.count >= MachineCoderEvaluation.minimumSettled)
            o.field("enabled", enabled)
            o.field("machineCoded", machineCoded)
            o.field("eligible", eligible)
        }
        return .json(json.bytes)
    }

    /// GET: the machine coder's agreement with the settled codes on held-out items (percent,
    /// Cohen's kappa, Krippendorff's alpha per theme and over the exact sets), whether the campaign
    /// lets it code the items no team codes, and its last run; beside it the teams' agreement with each
    /// other (`teams`, from the agreement report); 409 `too_few_settled_codes` before there is a figure.
    static func measure(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let (input, enabled, machineCoded, eligible, run, teams) = try context.database.read { connection in
            let machine = MachineCodeStore(connection)
            let input = try MachineCoderInput.load(campaignID: campaign.id, connection)
            let coding = try CodingState.load(campaignID: campaign.id, connection)
            return (input, try machine.enabled(campaignID: campaign.id),
                    try machine.codes(campaignID: campaign.id).count, try CodeStore(connection).uncodedItems(campaignID: campaign.id).count,
                    try machine.runs(campaignID: campaign.id).first,
                    AgreementReport.build(codes: coding.agreementInput, themes: input.themes.map(\.id)).overall)
        }
        let trained = context.assist.coder(campaignID: campaign.id, input)
        let (_, measurement) = try trained.measured()
        var json = JSONWriter()
        json.object { o in
            o.machineFigureFields(measurement)
            o.field("settled", trained.settled)
            o.key("overall")
            o.figures(measurement.report.overall)
            o.key("themes")
            o.array(zip(input.themes, measurement.report.byTheme)) { w, pair in
                w.object { t in
                    t.field("id", pair.0.id)
                    t.field("name", pair.0.name)
                    t.field("kind", pair.0.kind.rawValue)
                    t.field("items", pair.1.figures.items)
                    t.agreementFields(percent: pair.1.figures.percent, kappa: pair.1.figures.kappa, alpha: pair.1.figures.alpha)
                }
            }
            o.key("teams")
            o.figures(teams)
            o.field("enabled", enabled)
            o.field("machineCoded", machineCoded)
            o.field("eligible", eligible)
            o.key("lastRun")
            o.machineRun(run)
            o.field("method", MachineCoderMethod.summary)
        }
        return .json(json.bytes)
    }

    /// PUT {enabled}: on, the coder (measured first; 409 without a figure) codes every item no team
    /// has coded or reconciled, recorded as machine-coded with the figure of this run, and those
    /// items leave the teams' queues; applying again recodes them with the current coder. Off, every
    /// machine code is deleted and the items return to the queues. Both are audited.
    static func settings(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        guard let enabled = try JSONBody(request.body).bool("enabled") else {
            throw APIError.validation(field: "enabled", message: "Say whether the machine coder codes the items no team codes (true or false).")
        }
        let now = context.clock.now
        guard enabled else {
            let returned = try context.database.write { connection -> Int in
                let machine = MachineCodeStore(connection)
                let returned = try machine.clear(campaignID: campaign.id)
                try machine.setEnabled(campaignID: campaign.id, false)
                try AuditStore(connection).append(
                    NewAuditEntry(campaignID: campaign.id, actor: staff.name, action: .machineCodingOff,
                                  target: "campaign:\(campaign.slug)", reason: "\(returned) items returned to the teams"), now: now)
                return returned
            }
            var json = JSONWriter()
            json.object { o in
                o.field("enabled", false)
                o.field("returned", returned)
            }
            return .json(json.bytes)
        }
        let (input, eligible) = try context.database.read { connection in
            (try MachineCoderInput.load(campaignID: campaign.id, connection), try CodeStore(connection).uncodedItems(campaignID: campaign.id))
        }
        let trained = context.assist.coder(campaignID: campaign.id, input)
        let (coder, measurement) = try trained.measured()
        let suggested = eligible.map { id -> NewMachineCode in
            let suggestion = coder.suggest(trained.corpus.vector(of: id))
            return NewMachineCode(contributionID: id, decision: suggestion.decision, confidence: suggestion.confidence)
        }
        let versions = input.themes.versions
        let run = try context.database.write { connection -> MachineRunRecord in
            // A team may have coded an item since it was read: that item is the team's.
            let stillUncoded = Set(try CodeStore(connection).uncodedItems(campaignID: campaign.id))
            let machine = MachineCodeStore(connection)
            let run = try machine.apply(
                campaignID: campaign.id, measurement: measurement.report.overall, heldOut: measurement.heldOut,
                codes: suggested.filter { stillUncoded.contains($0.contributionID) }, themeVersions: versions,
                staffID: staff.id, now: now)
            try machine.setEnabled(campaignID: campaign.id, true)
            let kappa = measurement.report.overall.kappa.map(MachineCoderMethod.twoDecimals) ?? "–"
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: staff.name, action: .machineCodingOn,
                              target: "campaign:\(campaign.slug)",
                              reason: "\(run.coded) items machine-coded; kappa \(kappa) on \(measurement.heldOut) held-out items"),
                now: now)
            return run
        }
        var json = JSONWriter()
        json.object { o in
            o.field("enabled", true)
            o.field("coded", run.coded)
            o.key("run")
            o.machineRun(run)
        }
        return .json(json.bytes)
    }
}
