// Imports a codebook (name, kind, description, parent) as unpublished themes: all rows or none.
import Campaigns
import Storage

/// A codebook prepared elsewhere becomes the campaign's themes. `parent` names another row of the
/// file or a theme the campaign already has; themes arrive unpublished, for analysts to use first.
public enum CodebookImport {
    static let maxName = 120
    static let maxDescription = 2000

    /// Imports every row of `csv` into campaign `slug` and returns how many themes were added;
    /// throws `ImportError` (nothing written) when the file or any row is bad.
    public static func run(csv: [UInt8], slug: String, database: Database, clock: any WallClock) throws -> Int {
        let records = try CSVReader.parse(csv)
        let header = try ImportHeader(records.first, required: ["name"], optional: ["kind", "description", "parent"])
        var problems: [ImportError.RowProblem] = []
        var themes: [(line: Int, theme: NewTheme)] = []
        var lineOfName: [String: Int] = [:]
        for record in records.dropFirst() {
            let name = header.value("name", in: record)
            let kindText = header.value("kind", in: record)
            let kind = ThemeKind(rawValue: kindText.isEmpty ? "theme" : kindText.lowercased())
            let description = header.value("description", in: record)
            let parentText = header.value("parent", in: record)
            let parent = parentText.isEmpty ? nil : parentText
            var message: String?
            if name.isEmpty {
                message = "the name is empty."
            } else if name.count > maxName {
                message = "the name is longer than \(maxName) characters."
            } else if let earlier = lineOfName[name] {
                message = "the name \"\(name)\" is already used on line \(earlier)."
            } else if kind == nil {
                message = "the kind must be one word of at most 32 letters (for example theme or code)."
            } else if description.count > maxDescription {
                message = "the description is longer than \(maxDescription) characters."
            } else if parent == name {
                message = "a theme cannot be its own parent."
            }
            guard message == nil, let kind else {
                problems.append(.init(line: record.line, message: message ?? "the kind is not valid."))
                continue
            }
            lineOfName[name] = record.line
            themes.append((record.line, NewTheme(name: name, kind: kind, description: description, parent: parent)))
        }
        let now = clock.now
        let checked = problems
        let rows = themes
        return try database.write { connection in
            guard let campaign = try ExportStore(connection).campaign(slug: slug) else { throw ImportError.campaignNotFound(slug) }
            let store = ImportStore(connection)
            let existing = try store.themeIDs(campaignID: campaign.id)
            var problems = checked + Self.linkProblems(rows, existing: existing)
            for row in rows where existing[row.theme.name] != nil {
                problems.append(.init(line: row.line, message: "the campaign already has a theme \"\(row.theme.name)\"."))
            }
            guard problems.isEmpty else { throw ImportError.badRows(problems.sorted { $0.line < $1.line }) }
            guard !rows.isEmpty else { throw ImportError.unreadable("The file has a header but no themes.") }
            try store.addThemes(campaignID: campaign.id, rows.map(\.theme), now: now)
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: "command line", action: .importCodebook,
                              target: "\(rows.count) themes"), now: now)
            return rows.count
        }
    }

    /// Parents that name nothing, and parent chains that loop back on themselves.
    static func linkProblems(_ rows: [(line: Int, theme: NewTheme)], existing: [String: Int64]) -> [ImportError.RowProblem] {
        let names = Set(rows.map(\.theme.name))
        var parentOf: [String: String] = [:]
        for row in rows { if let parent = row.theme.parent { parentOf[row.theme.name] = parent } }
        var problems: [ImportError.RowProblem] = []
        for row in rows {
            guard let parent = row.theme.parent else { continue }
            if !names.contains(parent), existing[parent] == nil {
                problems.append(.init(line: row.line, message: "the parent \"\(parent)\" is neither in the file nor in the campaign."))
                continue
            }
            var seen: Set<String> = [row.theme.name]
            var current: String? = parent
            while let name = current, names.contains(name) {
                if seen.contains(name) {
                    problems.append(.init(line: row.line, message: "the parents of \"\(row.theme.name)\" go round in a circle."))
                    break
                }
                seen.insert(name)
                current = parentOf[name]
            }
        }
        return problems
    }
}
