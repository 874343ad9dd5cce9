// Imports a codebook (name, kind, description, parent) as unpublished themes: all rows or none.
import Campaigns
import Storage

/// A codebook prepared elsewhere becomes the campaign's themes. `parent` names another row of the
/// file or a theme the campaign already has; themes arrive unpublished, for analysts to use first.
public enum CodebookImport {
    static let maxName = 120
    static let maxDescription = 2000

    /// One theme as a file gives it, before it is checked; `line` is where it starts in a CSV file, or its
    /// place (from 1) in a JSON list.
    struct Row: Sendable {
        var line: Int
        var name: String
        var kind: String
        var description: String
        var parent: String
    }

    /// Imports every row of `csv` into campaign `slug` and returns how many themes were added;
    /// throws `ImportError` (nothing written) when the file or any row is bad.
    public static func run(
        csv: [UInt8], slug: String, database: Database, clock: any WallClock, actor: String = "command line"
    ) throws -> Int {
        try run(rows: try rows(csv: csv), slug: slug, database: database, clock: clock, actor: actor)
    }

    /// The rows of a CSV codebook: a `name` column, and optionally `kind`, `description` and `parent`.
    static func rows(csv: [UInt8]) throws -> [Row] {
        let records = try CSVReader.parse(csv)
        let header = try ImportHeader(records.first, required: ["name"], optional: ["kind", "description", "parent"])
        return records.dropFirst().map { record in
            Row(line: record.line, name: header.value("name", in: record), kind: header.value("kind", in: record),
                description: header.value("description", in: record), parent: header.value("parent", in: record))
        }
    }

    /// Checks every row, then adds them all in one write, audited under `actor`; or throws `ImportError`.
    static func run(rows input: [Row], slug: String, database: Database, clock: any WallClock, actor: String) throws -> Int {
        var problems: [ImportError.RowProblem] = []
        var themes: [(line: Int, theme: NewTheme)] = []
        var lineOfName: [String: Int] = [:]
        for row in input {
            let name = row.name
            let kind = ThemeKind(rawValue: row.kind.isEmpty ? "theme" : row.kind.lowercased())
            let description = row.description
            let parent = row.parent.isEmpty ? nil : row.parent
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
                problems.append(.init(line: row.line, message: message ?? "the kind is not valid."))
                continue
            }
            lineOfName[name] = row.line
            themes.append((row.line, NewTheme(name: name, kind: kind, description: description, parent: parent)))
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
                NewAuditEntry(campaignID: campaign.id, actor: actor, action: .importCodebook,
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
