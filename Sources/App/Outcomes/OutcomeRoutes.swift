// Reporting back by staff: an idea's status with its official response, and implementation updates.
import Campaigns
import HTTP
import Storage

/// `PUT /admin/contributions/{id}/status`, `POST /admin/contributions/{id}/updates` and the CSV
/// import of updates. All are audited; none is refused because the campaign is archived
/// (`OutcomeRules`: reporting back months later is what they are for).
enum OutcomeRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .put, "/admin/contributions/{id}/status", maxBodySize: 16 * 1024, setStatus)
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/updates", maxBodySize: 16 * 1024, addUpdate)
        AdminRoutes.add(
            &router, .post, "/admin/campaigns/{slug}/progress/import", maxBodySize: ImportFile.maxBytes, importUpdates)
    }

    /// `{status, response}`: the idea's new status, with the response the public reads beside it.
    static func setStatus(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, found, campaign) = try ModerationRoutes.load(request, context, .reportOutcomes)
        let body = try JSONBody(request.body)
        let statusText = try body.requiredString("status")
        guard let status = OutcomeStatus(rawValue: statusText) else {
            throw APIError.validation(
                field: "status",
                message: "One of " + OutcomeStatus.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        let response = TextRules.normalise(try body.requiredString("response"))
        guard !response.isEmpty else { throw APIError.validation(field: "response", message: "Say what happened and why.") }
        guard response.count <= OutcomeRules.maxResponse else {
            throw APIError.validation(field: "response", message: "At most \(OutcomeRules.maxResponse) characters.")
        }
        let now = context.clock.now
        let alerts = context.outcomeAlerts
        let entry = try context.database.write { connection -> OutcomeEntry in
            let subject = try Self.subject(found.id, in: connection)
            if let refusal = OutcomeRules.setStatus(status, on: subject) { throw refusal }
            let store = OutcomeStore(connection)
            let entry = try store.setStatus(
                campaignID: campaign.id, contributionID: found.id, status: status, response: response,
                staffID: caller.staff.id, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .outcomeStatus,
                    target: "contribution:\(found.id)", reason: status.rawValue + ": " + response), now: now)
            if let alerts {
                try alerts.statusChanged(
                    OutcomeChange(campaignID: campaign.id, contributionID: found.id, status: status),
                    audience: try store.audience(contributionID: found.id), in: connection)
            }
            return entry
        }
        context.mail.wake()
        var json = JSONWriter()
        json.object { $0.outcomeFields(entry) }
        return .json(json.bytes)
    }

    /// `{role?, site?, note, percent?, on?}` on an adopted idea; `on` defaults to today (UTC).
    static func addUpdate(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, found, campaign) = try ModerationRoutes.load(request, context, .reportOutcomes)
        let body = try JSONBody(request.body)
        let input = ProgressUpdateInput(
            contributionID: found.id, role: try body.string("role") ?? "", site: try body.string("site") ?? "",
            note: try body.string("note") ?? "", percent: try body.int("percent"), on: try body.string("on"))
        let now = context.clock.now
        let update: NewProgressUpdate
        switch input.check(today: ISOTime.day(now)) {
        case .success(let checked): update = checked
        case .failure(let problem): throw APIError.validation(field: problem.field, message: problem.message)
        }
        let stored = try context.database.write { connection -> ProgressUpdate in
            if let refusal = OutcomeRules.addUpdate(on: try Self.subject(found.id, in: connection)) { throw refusal }
            let stored = try OutcomeStore(connection).addUpdate(
                campaignID: campaign.id, update, staffID: caller.staff.id, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .progressUpdate,
                    target: "contribution:\(found.id)", reason: update.note), now: now)
            return stored
        }
        var json = JSONWriter()
        json.object { $0.progressUpdateFields(stored) }
        return .json(json.bytes, status: .created)
    }

    /// A CSV file (`idea,note` required; `role,site,date,percent` optional): every row or none.
    static func importUpdates(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .reportOutcomes, slug: try request.slugParameter())
        let count: Int
        do {
            count = try ProgressImport.run(
                csv: request.body, slug: campaign.slug, database: context.database, clock: context.clock,
                actor: caller.name, staffID: caller.staff.id)
        } catch let error as ImportError {
            throw APIError.validation(field: "file", message: error.description)
        }
        var json = JSONWriter()
        json.object { $0.field("imported", count) }
        return .json(json.bytes)
    }

    /// What the outcome rules decide on, read inside the write.
    static func subject(_ id: Int64, in connection: Connection) throws -> OutcomeSubject {
        guard let record = try ContributionStore(connection).contribution(id: id) else { throw APIError.notFound }
        return OutcomeSubject(
            phase: record.phase, state: record.state, current: try OutcomeStore(connection).current(contributionID: id)?.status)
    }
}
