// The machine coder's suggestions, for reconcilers and facilitators only, and the items it coded.
import Campaigns
import HTTP
import Storage

/// Every response here passes `SuggestionRules.check` for every item it names, and every one
/// carries the machine coder's measured figure beside what it suggests.
enum SuggestionRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/contributions/{id}/suggestion", suggestion)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/suggestions", disputed)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/machine/codes", machineCodes)
    }

    /// Longest page of suggestions or machine codes (as `limit` is everywhere in the API).
    static let pageLimit = 100

    /// GET: the suggestion for one Understand contribution. Analysts are refused (403
    /// `suggestions_for_facilitators`), as is anyone whose team has not coded it yet (403
    /// `blind_until_coded`), before anything about the item's codes is read into the answer.
    static func suggestion(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let contribution = try AnalysisRoutes.contribution(id, context)
        guard contribution.phase == .understand else { throw APIError.notFound }
        let staff = try AnalysisAccess.require(.code, request, context, campaignID: contribution.campaignID)
        let (viewer, codedBy, input, machineCode) = try context.database.read { connection in
            let store = CodeStore(connection)
            return (try Self.viewer(staff, campaignID: contribution.campaignID, store), try store.coders(contributionID: id),
                    try MachineCoderInput.load(campaignID: contribution.campaignID, connection),
                    try MachineCodeStore(connection).code(contributionID: id))
        }
        if let refusal = SuggestionRules.check(viewer, itemCodedBy: codedBy) { throw refusal }
        let trained = context.assist.coder(campaignID: contribution.campaignID, input)
        let (coder, measurement) = try trained.measured()
        guard trained.corpus.position(of: id) != nil else { throw APIError.notFound }
        var json = JSONWriter()
        json.object { o in
            o.field("contributionId", id)
            o.suggestionFields(coder.suggest(trained.corpus.vector(of: id)))
            o.field("machineCoded", machineCode != nil)
            o.key("machine")
            o.machineFigure(measurement)
        }
        return .json(json.bytes)
    }

    /// GET ?offset=&limit=: the disputed items with both teams' codes and the machine's
    /// suggestion, for the reconciler. Items the caller's own team has not coded are left out.
    static func disputed(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let (offset, limit) = try page(request)
        let (viewer, state, input) = try context.database.read { connection in
            (try Self.viewer(staff, campaignID: campaign.id, CodeStore(connection)),
             try CodingState.load(campaignID: campaign.id, connection), try MachineCoderInput.load(campaignID: campaign.id, connection))
        }
        let trained = context.assist.coder(campaignID: campaign.id, input)
        let (coder, measurement) = try trained.measured()
        let open = state.items.filter { id in
            state.status(id) == .disputed && trained.corpus.position(of: id) != nil
                && SuggestionRules.check(viewer, itemCodedBy: Set(state.decisions(id).keys)) == nil
        }
        let shown = Array(open.dropFirst(offset).prefix(limit))
        let records = try context.database.read { connection in
            let contributions = ContributionStore(connection)
            return try shown.compactMap { try contributions.contribution(id: $0) }
        }
        var json = JSONWriter()
        json.object { o in
            o.field("total", open.count)
            o.key("machine")
            o.machineFigure(measurement)
            o.key("items")
            o.array(records) { w, c in
                w.object { i in
                    i.itemFields(c)
                    i.key("codes")
                    i.array(state.codes[c.id] ?? []) { w, code in w.code(code, mine: false) }
                    i.key("suggestion")
                    i.object { $0.suggestionFields(coder.suggest(trained.corpus.vector(of: c.id))) }
                }
            }
        }
        return .json(json.bytes)
    }

    /// GET ?offset=&limit=: the items the machine coder coded, least confident first, with the run's
    /// figure. A facilitator who codes in the campaign gets none of them: a machine code is a
    /// suggestion for an item their team has not coded (and would code, were machine coding undone).
    static func machineCodes(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let (offset, limit) = try page(request)
        let (codes, run, records) = try context.database.read { connection in
            let machine = MachineCodeStore(connection)
            let store = CodeStore(connection)
            let viewer = try Self.viewer(staff, campaignID: campaign.id, store)
            let codes = try machine.codes(campaignID: campaign.id).filter { code in
                // Only a coder's own codes can open an item to them; without a coder, no query is needed.
                let codedBy = viewer.coder == nil ? [] : try store.coders(contributionID: code.contributionID)
                return SuggestionRules.check(viewer, itemCodedBy: codedBy) == nil
            }
                .sorted { $0.confidence != $1.confidence ? $0.confidence < $1.confidence : $0.contributionID < $1.contributionID }
            let contributions = ContributionStore(connection)
            let records = try codes.dropFirst(offset).prefix(limit).compactMap { code in
                try contributions.contribution(id: code.contributionID).map { (code, $0) }
            }
            return (codes, try machine.runs(campaignID: campaign.id).first, records)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("total", codes.count)
            o.key("run")
            o.machineRun(run)
            o.key("items")
            o.array(records) { w, pair in
                w.object { i in
                    i.itemFields(pair.1)
                    i.decisionFields(pair.0.decision)
                    i.field("confidence", pair.0.confidence)
                    i.field("runId", pair.0.runID)
                }
            }
        }
        return .json(json.bytes)
    }

    /// The caller as the blindness rules see them: the coder they code as, if they code here.
    static func viewer(_ staff: StaffCaller, campaignID: Int64, _ store: CodeStore) throws -> SuggestionViewer {
        let coder = try store.coder(staffID: staff.id, campaignID: campaignID)
        let codes = coder.hasPrefix("t") ? true : try store.hasCodedAlone(staffID: staff.id, campaignID: campaignID)
        return SuggestionViewer(facilitates: staff.seesAllCodes, coder: codes ? coder : nil)
    }

    private static func page(_ request: Request) throws -> (offset: Int, limit: Int) {
        func number(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = request.query(name) else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw APIError.validation(field: name, message: "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
            }
            return number
        }
        return (try number("offset", default: 0, range: 0...10_000_000), try number("limit", default: 50, range: 1...pageLimit))
    }
}
