// Facilitators open, close and schedule phases under `PhaseTransitions`; each change is audited and announced.
import Campaigns
import HTTP
import Storage

enum PhaseRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/phases/{phase}/open", maxBodySize: 4096) { request, context in
            try transition(request, context, opening: true)
        }
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/phases/{phase}/close", maxBodySize: 4096) { request, context in
            try transition(request, context, opening: false)
        }
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/phases/{phase}/schedule", maxBodySize: 4096, schedule)
    }

    private static func phaseParameter(_ request: Request) throws -> PhaseKind {
        guard let text = request.parameter("phase"), let kind = PhaseKind(rawValue: text) else { throw APIError.notFound }
        return kind
    }

    /// `{reason?}`. The rules are checked against the phases read inside the write, so two
    /// facilitators acting at once cannot both succeed on a stale view.
    static func transition(_ request: Request, _ context: AppContext, opening: Bool) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .runPhases, slug: try request.slugParameter())
        let kind = try phaseParameter(request)
        let reason = try JSONBody(request.body).string("reason").map(TextRules.normalise)
        let now = context.clock.now
        let (phases, changes) = try context.database.write { connection -> ([Phase], [(PhaseKind, PhaseState)]) in
            let store = CampaignStore(connection)
            guard let current = try store.campaign(id: campaign.id) else { throw APIError.notFound }
            if let refusal = current.state.editRefusal { throw refusal }
            let before = try store.phases(campaignID: campaign.id)
            let result = opening
                ? PhaseTransitions.open(kind, in: before, reason: reason)
                : PhaseTransitions.close(kind, in: before)
            let after = try result.get()
            try store.setPhases(campaignID: campaign.id, after)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: opening ? "phase_open" : "phase_close",
                    target: "campaign:\(campaign.slug)/\(kind.rawValue)", reason: reason ?? ""), now: now)
            return (after, differences(before, after))
        }
        if campaign.state == .live {
            for (kind, state) in changes { context.publishPhase(campaignID: campaign.id, kind: kind, state: state) }
        }
        return respond(phases)
    }

    /// `{opensAt, closesAt}`: ISO times or null. Only a pending phase can get an opening time.
    static func schedule(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .runPhases, slug: try request.slugParameter())
        try campaign.requireEditable()
        let kind = try phaseParameter(request)
        let body = try JSONBody(request.body)
        let opensAt = try time(body, "opensAt")
        let closesAt = try time(body, "closesAt")
        if let opensAt, let closesAt, closesAt <= opensAt {
            throw APIError.validation(field: "closesAt", message: "Must be after opensAt.")
        }
        let now = context.clock.now
        let phases = try context.database.write { connection -> [Phase] in
            let store = CampaignStore(connection)
            var phases = try store.phases(campaignID: campaign.id)
            guard let index = phases.firstIndex(where: { $0.kind == kind }) else { throw APIError.notFound }
            switch phases[index].state {
            case .pending: break
            case .open, .closed:
                if opensAt != nil {
                    throw TransitionRefusal.alreadyRun
                }
            }
            phases[index].opensAt = opensAt
            phases[index].closesAt = closesAt
            try store.setPhases(campaignID: campaign.id, phases)
            let describe = { (t: Int64?) in t.map(ISOTime.string) ?? "none" }
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: "phase_schedule",
                    target: "campaign:\(campaign.slug)/\(kind.rawValue)",
                    reason: "opens \(describe(opensAt)), closes \(describe(closesAt))"), now: now)
            return phases
        }
        return respond(phases)
    }

    private static func time(_ body: JSONBody, _ key: String) throws -> Int64? {
        guard let text = try body.string(key) else { return nil }
        guard let seconds = ISOTime.parse(text) else {
            throw APIError.validation(field: key, message: "Must be a UTC time like 2026-11-21T20:00:00Z.")
        }
        return seconds
    }

    /// The phases whose state changed, in phase order (a close before the open that follows it).
    static func differences(_ before: [Phase], _ after: [Phase]) -> [(PhaseKind, PhaseState)] {
        let old = Dictionary(before.map { ($0.kind, $0.state) }, uniquingKeysWith: { first, _ in first })
        let changed = after.filter { old[$0.kind] != $0.state }
        return changed.filter { $0.state == .closed }.map { ($0.kind, $0.state) }
            + changed.filter { $0.state != .closed }.map { ($0.kind, $0.state) }
    }

    private static func respond(_ phases: [Phase]) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.key("phases")
            o.array(phases) { w, phase in w.object { p in p.phaseFields(phase) } }
        }
        return .json(json.bytes)
    }
}
