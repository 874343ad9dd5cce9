// POST /admin/campaigns/{slug}/codebook: a codebook prepared elsewhere, uploaded from the console as CSV or JSON.
import Campaigns
import HTTP
import Storage

extension CodebookRoutes {
    /// Largest codebook file, in bytes: far more than a few hundred themes with long descriptions.
    static let maxCodebookBytes = 1024 * 1024

    /// `text/csv` with a `name` column (and optionally `kind`, `description`, `parent`), or JSON
    /// `{"themes": [{name, kind?, description?, parent?}]}` → 201 `{imported, themes}`. The same checks as
    /// `groundswell import-codebook`, all or nothing: bad rows are 422 `bad_codebook` with `rows: [{line, message}]`
    /// (for JSON, `line` is the theme's place in the list, from 1); an unreadable file is 422 naming `file`.
    static func importCodebook(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        try campaign.requireEditable()
        let mediaType = request.headers["Content-Type"]?.split(separator: ";").first
            .map { String($0.filter { $0 != " " }).lowercased() }
        let rows: [CodebookImport.Row]
        do {
            switch mediaType {
            case "text/csv": rows = try CodebookImport.rows(csv: request.body)
            case "application/json": rows = try jsonRows(request.body)
            default: throw APIError.validation(field: "file", message: "Send the codebook as text/csv or application/json.")
            }
            let count = try CodebookImport.run(
                rows: rows, slug: campaign.slug, database: context.database, clock: context.clock, actor: staff.name)
            let themes = try context.database.read { try ThemeStore($0).themes(campaignID: campaign.id) }
            var json = JSONWriter()
            json.object { o in
                o.field("imported", count)
                o.key("themes")
                o.array(themes) { w, t in w.theme(t) }
            }
            return .json(json.bytes, status: .created)
        } catch let error as ImportError {
            switch error {
            case .campaignNotFound: throw APIError.notFound
            case .unreadable(let message): throw APIError.validation(field: "file", message: message)
            case .badRows(let problems): throw RowsRefused(refusal: CodingRefusal.badCodebook, rows: problems)
            }
        }
    }

    /// The themes of a JSON codebook, each with its place in the list as its line.
    private static func jsonRows(_ body: [UInt8]) throws -> [CodebookImport.Row] {
        guard let themes = try JSONBody(body).objects("themes") else {
            throw APIError.validation(field: "themes", message: "List the themes under \"themes\".")
        }
        return try themes.enumerated().map { index, theme in
            CodebookImport.Row(
                line: index + 1, name: try theme.string("name") ?? "", kind: try theme.string("kind") ?? "",
                description: try theme.string("description") ?? "", parent: try theme.string("parent") ?? "")
        }
    }
}
