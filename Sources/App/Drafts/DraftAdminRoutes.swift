// A draft to challenge, for facilitators: publish it, answer each amendment, publish the final version.
import Campaigns
import HTTP
import Storage

/// Every change here is audited. A draft is published while the campaign is editable (not
/// archived); amendments are answered, and the final version published, in any phase.
enum DraftAdminRoutes {
    static let maxReason = 2000

    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/drafts", maxBodySize: 256 * 1024, create)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/drafts", list)
        AdminRoutes.add(&router, .get, "/admin/drafts/{id}", show)
        AdminRoutes.add(&router, .post, "/admin/amendments/{id}/decision", maxBodySize: 16 * 1024, decide)
        AdminRoutes.add(&router, .post, "/admin/drafts/{id}/final", maxBodySize: 16 * 1024, finalise)
    }

    /// `{questionId, title, text, phases}`: the document in Markdown-lite, split into numbered sections
    /// at its headings (`DraftSectioning`), running in `phases` (names of the campaign's phases) → 201.
    static func create(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try campaign.requireEditable()
        let body = try JSONBody(request.body)
        let questionID = try body.requiredInt("questionId")
        let title = TextRules.normalise(try body.requiredString("title"))
        if title.isEmpty { throw APIError.validation(field: "title", message: "A draft needs a title.") }
        if let problem = TextRules.validateTitle(title) { throw APIError.text(problem, field: "title") }
        let sections: [DraftSectionText]
        switch DraftSectioning.sections(from: try body.requiredString("text")) {
        case .success(let found): sections = found
        case .failure(let problem): throw problem.on(field: "text")
        }
        let names = try body.stringArray("phases") ?? []
        let kinds = names.compactMap(PhaseKind.init(rawValue:))
        guard !kinds.isEmpty, kinds.count == names.count else {
            throw APIError.validation(
                field: "phases", message: "Name one or more of " + PhaseKind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        let phases = DraftPhases(Set(kinds))
        let now = context.clock.now
        let page = try context.database.write { connection -> DraftRecord in
            let store = DraftStore(connection)
            let first = try CampaignSetupRoutes.insertOfficial(
                campaignID: campaign.id, questionID: questionID, title: sections[0].heading, body: sections[0].body, now: now,
                in: connection)
            let id = try store.create(
                campaignID: campaign.id, questionID: questionID, title: title, phases: phases, staffID: caller.staff.id, now: now)
            var versioned: [VersionedSection] = []
            for (position, section) in sections.enumerated() {
                let record = position == 0 ? first : try CampaignSetupRoutes.insertOfficial(
                    campaignID: campaign.id, questionID: questionID, title: section.heading, body: section.body, now: now,
                    in: connection)
                try store.addSection(contributionID: record.id, draftID: id, position: position)
                versioned.append(VersionedSection(sectionID: record.id, text: section))
            }
            try store.addVersion(
                draftID: id, DraftVersion(number: 1, sections: versioned), amendmentID: nil, reason: "First draft published.",
                staffID: caller.staff.id, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .draftPublish, target: "draft:\(id)", reason: title),
                now: now)
            guard let draft = try store.draft(id: id) else { throw APIError.notFound }
            return draft
        }
        var json = JSONWriter()
        json.object { o in
            o.draftFields(page)
            o.field("sections", sections.count)
        }
        return .json(json.bytes, status: .created)
    }

    /// The campaign's drafts with how many amendments wait for an answer.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .viewCampaigns, slug: try request.slugParameter())
        let items = try context.database.read { connection -> [(DraftRecord, Int)] in
            let store = DraftStore(connection)
            return try store.drafts(campaignID: campaign.id).map { ($0, try store.pendingCount(draftID: $0.id)) }
        }
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(items) { w, item in
                w.object { d in
                    d.draftFields(item.0)
                    d.field("pending", item.1)
                }
            }
        }
        return .json(json.bytes)
    }

    /// The draft as `GET /api/drafts/{id}` gives it, for staff covering its campaign: an invite-only
    /// campaign's draft is reviewed without joining it.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .viewCampaigns)
        let id = try request.idParameter("id")
        let page = try context.database.read { connection in
            try DraftPage.load(id: id, token: { _ in nil }, staff: caller, context: context, in: connection)
        }
        var json = JSONWriter(capacity: 16 * 1024)
        json.object { $0.draftPage(page) }
        return .json(json.bytes)
    }

    /// `{decision: accept|decline, reason}`. Accepting makes the next version with the amendment's
    /// text in its section, and the reason as its change-log line → 200 `{amendment, version}`.
    static func decide(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .setUpCampaigns)
        let id = try request.idParameter("id")
        let body = try JSONBody(request.body)
        guard let decision = AmendmentDecision(rawValue: try body.requiredString("decision")) else {
            throw APIError.validation(field: "decision", message: "accept or decline.")
        }
        let reason = try requiredReason(body)
        let now = context.clock.now
        let (state, version) = try context.database.write { connection -> (AmendmentState, Int) in
            let store = DraftStore(connection)
            guard let amendment = try store.amendment(id: id),
                  let record = try ContributionStore(connection).contribution(id: id),
                  ContributionLifecycle.crowdSees(record.state),
                  let draft = try store.draft(id: amendment.draftID),
                  let campaign = try CampaignStore(connection).campaign(id: draft.campaignID) else { throw APIError.notFound }
            try caller.requireCovers(campaignID: campaign.id)
            try campaign.requireEditable()
            guard let current = try store.version(draftID: draft.id, number: draft.version),
                  let section = current.section(amendment.sectionID),
                  let base = try store.version(draftID: draft.id, number: amendment.baseVersion)?.section(amendment.sectionID)
            else { throw APIError.notFound }
            let subject = AmendmentSubject(
                state: amendment.state, baseBody: base.text.body, currentBody: section.text.body, proposedBody: record.body)
            if let refusal = DraftRules.decide(decision, draftState: draft.state, amendment: subject) { throw refusal }
            var made = draft.version
            let state: AmendmentState
            switch decision {
            case .decline:
                state = .declined
            case .accept:
                state = .accepted
                guard let next = DraftVersioning.amend(current, section: section.sectionID, body: record.body) else {
                    throw APIError.notFound
                }
                try store.addVersion(draftID: draft.id, next, amendmentID: id, reason: reason, staffID: caller.staff.id, now: now)
                // The section's contribution carries the current text, so search and the exports read it.
                _ = try ContributionStore(connection).edit(id: section.sectionID, title: section.text.heading, body: record.body, now: now)
                made = next.number
            }
            guard try store.decide(
                amendmentID: id, state, reason: reason, decidedVersion: state == .accepted ? made : nil,
                staffID: caller.staff.id, now: now) else { throw DraftRefusal.decided }
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: state == .accepted ? .amendmentAccept : .amendmentDecline,
                    target: "contribution:\(id)", reason: reason),
                now: now)
            return (state, made)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("id", id)
            o.field("state", state.rawValue)
            o.field("reason", reason)
            o.field("version", version)
        }
        return .json(json.bytes)
    }

    /// `{reason?}`: publishes the current version as the final one — the campaign's result — once
    /// every amendment the crowd can read has an answer (`amendments_pending`).
    static func finalise(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .setUpCampaigns)
        let id = try request.idParameter("id")
        let note = TextRules.normalise(try JSONBody(request.body).string("reason") ?? "")
        let now = context.clock.now
        let draft = try context.database.write { connection -> DraftRecord in
            let store = DraftStore(connection)
            guard let draft = try store.draft(id: id),
                  let campaign = try CampaignStore(connection).campaign(id: draft.campaignID) else { throw APIError.notFound }
            try caller.requireCovers(campaignID: campaign.id)
            try campaign.requireEditable()
            if let refusal = DraftRules.finalise(draftState: draft.state, pendingAmendments: try store.pendingCount(draftID: id)) {
                throw refusal
            }
            try store.finalise(draftID: id, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .draftFinal, target: "draft:\(id)",
                    reason: note.isEmpty ? "Version \(draft.version) published as the result." : String(note.prefix(maxReason))),
                now: now)
            guard let final = try store.draft(id: id) else { throw APIError.notFound }
            return final
        }
        var json = JSONWriter()
        json.object { $0.draftFields(draft) }
        return .json(json.bytes)
    }

    private static func requiredReason(_ body: JSONBody) throws -> String {
        let reason = TextRules.normalise(try body.string("reason") ?? "")
        guard !reason.isEmpty else {
            throw APIError.validation(field: "reason", message: "Say why: contributors read the reason beside the amendment.")
        }
        guard reason.count <= maxReason else { throw APIError.validation(field: "reason", message: "At most \(maxReason) characters.") }
        return reason
    }
}
