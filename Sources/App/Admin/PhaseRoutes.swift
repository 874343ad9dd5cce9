// Facilitators open, close and schedule phases under `PhaseTransitions`; each change is audited and announced.
import Campaigns
import HTTP
import Storage

enum PhaseRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/phases/{phase}/open", maxBodySize: 4096) { request, context in
            try change(request, context, .open(reason: try reason(request)))
        }
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/phases/{phase}/close", maxBodySize: 4096) { request, context in
            try change(request, context, .close(reason: try reason(request)))
        }
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/phases/{phase}/schedule", maxBodySize: 4096) { request, context in
            let body = try JSONBody(request.body)
            return try change(request, context, .schedule(opensAt: try time(body, "opensAt"), closesAt: try time(body, "closesAt")))
        }
    }

    private static func reason(_ request: Request) throws -> String? {
        try JSONBody(request.body).string("reason").map(TextRules.normalise)
    }

    private static func phaseParameter(_ request: Request) throws -> PhaseKind {
        guard let text = request.parameter("phase"), let kind = PhaseKind(rawValue: text) else { throw APIError.notFound }
        return kind
    }

    /// Open or close `{reason?}`, or schedule `{opensAt, closesAt}` (ISO times or null), as
    /// `PhaseTransitions.apply` decides from the campaign and phases read inside the write, so two
    /// facilitators acting at once cannot both succeed on a stale view. Audited; a live campaign's
    /// pages hear of every phase that opened or closed.
    static func change(_ request: Request, _ context: AppContext, _ change: PhaseChange) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .runPhases, slug: try request.slugParameter())
        let kind = try phaseParameter(request)
        let now = context.clock.now
        let (phases, changes) = try context.database.write { connection -> ([Phase], [(PhaseKind, PhaseState)]) in
            let store = CampaignStore(connection)
            guard let current = try store.campaign(id: campaign.id) else { throw APIError.notFound }
            let before = try store.phases(campaignID: campaign.id)
            let after: [Phase]
            do {
                after = try PhaseTransitions.apply(change, to: kind, in: before, campaign: current.state)
            } catch let refusal as TransitionRefusal {
                throw refusal.naming(field: "closesAt")
            }
            try store.setPhases(campaignID: campaign.id, after)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: change.auditAction,
                    target: "campaign:\(campaign.slug)/\(kind.rawValue)", reason: auditReason(change)), now: now)
            return (after, differences(before, after))
        }
        if campaign.state == .live {
            for (kind, state) in changes { context.publishPhase(campaignID: campaign.id, kind: kind, state: state) }
        }
        return respond(phases)
    }

    private static func auditReason(_ change: PhaseChange) -> String {
        switch change {
        case .open(let reason), .close(let reason): reason ?? ""
        case .schedule(let opensAt, let closesAt):
            "opens \(opensAt.map(ISOTime.string) ?? "none"), closes \(closesAt.map(ISOTime.string) ?? "none")"
        }
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
