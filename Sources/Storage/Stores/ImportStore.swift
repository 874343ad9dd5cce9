// Writes for imports: invite code hashes and codebook themes. Callers run them in one `Database.write`.
import Campaigns

/// A codebook row ready to insert; `parent` names another theme of the campaign or of the same import.
public struct NewTheme: Sendable, Equatable {
    public var name: String
    public var kind: ThemeKind
    public var description: String
    public var parent: String?

    public init(name: String, kind: ThemeKind, description: String, parent: String?) {
        self.name = name
        self.kind = kind
        self.description = description
        self.parent = parent
    }
}

public struct ImportStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Theme names already used in the campaign, by name → id.
    public func themeIDs(campaignID: Int64) throws -> [String: Int64] {
        let rows = try connection.query("SELECT name, id FROM themes WHERE campaign_id = ?", campaignID) { row -> (String, Int64) in
            (row.text(0), row.int(1))
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Inserts the themes unpublished, then links parents by name. `themes` must be validated by the
    /// caller (unique names, parents that exist); an unknown parent throws `StoreError.notFound`.
    public func addThemes(campaignID: Int64, _ themes: [NewTheme], now: Int64) throws {
        var ids = try themeIDs(campaignID: campaignID)
        for theme in themes {
            try connection.run(
                "INSERT INTO themes (campaign_id, name, kind, description, published, created_at) VALUES (?, ?, ?, ?, 0, ?)",
                campaignID, theme.name, theme.kind.rawValue, theme.description, now)
            ids[theme.name] = connection.lastInsertRowID
        }
        for theme in themes {
            guard let parent = theme.parent else { continue }
            guard let parentID = ids[parent], let id = ids[theme.name] else { throw StoreError.notFound }
            try connection.run("UPDATE themes SET parent_id = ? WHERE id = ?", parentID, id)
        }
    }
}
