// The export routes: one CSV per table and the whole campaign as open-data JSON, both streamed.
import Campaigns
import HTTP
import Storage

/// `GET /admin/campaigns/{slug}/export/{name}.csv` and `GET /admin/campaigns/{slug}/export.json`.
/// The server adds chunked framing and gzip (when the client accepts it) to the streams.
enum ExportRoutes {
    static func register(_ router: inout Router<AppContext>) {
        // AdminRoutes.add answers a missing sign-in with its 401 and marks responses no-store.
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/export/{file}") { request, context in
            try csv(request, context)
        }
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/export.json") { request, context in
            try json(request, context)
        }
    }

    static func csv(_ request: Request, _ context: AppContext) throws -> Response {
        guard let file = request.parameter("file"), file.hasSuffix(".csv"),
              let table = ExportTable(rawValue: String(file.dropLast(4))) else { throw APIError.notFound }
        let caller = try ExportAccess.requireExporter(request, context: context, of: table)
        let sources = try prepare(request, context, caller: caller, what: "\(table.rawValue).csv") { caller, campaignID in
            // The machine's codes are suggestions too: never shown to someone who codes in the campaign.
            guard table == .machineCodes else { return }
            let viewer = try context.database.read { try SuggestionRoutes.viewer(caller, campaignID: campaignID, CodeStore($0)) }
            if viewer.coder != nil { throw AssistRefusal.blindUntilCoded }
        }
        let stream = CSVExportStream(source: try sources.source(for: table), log: context.log)
        return response(stream, type: "text/csv; charset=utf-8", filename: "\(safe(sources.campaign.slug))-\(table.rawValue).csv")
    }

    static func json(_ request: Request, _ context: AppContext) throws -> Response {
        let sources = try prepare(
            request, context, caller: try ExportAccess.requireExporter(request, context: context), what: "export.json")
        let stream = JSONExportStream(sources: sources, exportedAt: context.clock.now, log: context.log)
        return response(stream, type: "application/json; charset=utf-8", filename: "\(safe(sources.campaign.slug)).json")
    }

    /// With the caller checked (401/403), finds the campaign (404 for an unknown slug; drafts are found
    /// too, staff export them), checks the account covers it (403) and passes `check`, and writes the audit
    /// entry — a write that is not a vote, so the vote journal is folded first and the export holds every
    /// vote acknowledged before it began.
    private static func prepare(
        _ request: Request, _ context: AppContext, caller: StaffCaller, what: String,
        check: (StaffCaller, Int64) throws -> Void = { _, _ in }
    ) throws -> ExportSources {
        let slug = try request.slugParameter()
        guard let campaign = try context.database.read({ try ExportStore($0).campaign(slug: slug) }) else {
            throw APIError.notFound
        }
        try caller.requireCovers(campaignID: campaign.id)
        try check(caller, campaign.id)
        try ExportAccess.recordExport(
            what, campaignID: campaign.id, actor: caller.name, database: context.database, now: context.clock.now)
        return ExportSources(
            database: context.database, campaign: campaign, kAnonymity: context.configuration.kAnonymity, key: context.key)
    }

    private static func response(_ stream: any ResponseStream, type: String, filename: String) -> Response {
        var headers = Headers()
        headers.add("Content-Type", type)
        // RFC 6266 §4.1; the name is reduced to safe characters, so it needs no escaping.
        headers.add("Content-Disposition", "attachment; filename=\"\(filename)\"")
        return Response(status: .ok, headers: headers, body: .stream(stream))
    }

    /// The slug with anything but ASCII letters, digits, `-` and `_` replaced by `_`.
    static func safe(_ slug: String) -> String {
        String(slug.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": Character(scalar)
            default: "_"
            }
        })
    }
}
