// The codebook of a campaign: themes with versions kept on every edit, and their publication.
import Campaigns

/// One theme as the analysis screens see it (the contributor API uses `ThemeRecord`).
public struct CodebookTheme: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var name: String
    public var kind: ThemeKind
    public var description: String
    public var parentID: Int64?
    public var version: Int
    public var published: Bool
    public var archived: Bool
}

/// The editable fields of a theme; nil leaves a field as it is.
public struct ThemeChange: Sendable {
    public var name: String?
    public var kind: ThemeKind?
    public var description: String?
    /// `.some(nil)` clears the parent.
    public var parentID: Int64??
    public var archived: Bool?

    public init(name: String? = nil, kind: ThemeKind? = nil, description: String? = nil,
                parentID: Int64?? = nil, archived: Bool? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
        self.parentID = parentID
        self.archived = archived
    }
}

public struct ThemeStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let columns = "id, campaign_id, name, kind, description, parent_id, version, published, archived_at IS NOT NULL"

    private static func record(_ row: Row) throws -> CodebookTheme {
        CodebookTheme(
            id: row.int(0), campaignID: row.int(1), name: row.text(2), kind: try row.themeKind(3, table: "themes"),
            description: row.text(4), parentID: row.optionalInt(5), version: row.int(6), published: row.bool(7), archived: row.bool(8))
    }

    /// Every theme of the campaign, archived ones included, in creation order.
    public func themes(campaignID: Int64) throws -> [CodebookTheme] {
        try connection.query("SELECT \(Self.columns) FROM themes WHERE campaign_id = ? ORDER BY id", campaignID, row: Self.record)
    }

    public func theme(id: Int64) throws -> CodebookTheme? {
        try connection.queryOne("SELECT \(Self.columns) FROM themes WHERE id = ?", id, row: Self.record)
    }

    /// Adds a theme at version 1 (unpublished) and records that version.
    public func add(campaignID: Int64, name: String, kind: ThemeKind, description: String, parentID: Int64?,
                    staffID: Int64?, now: Int64) throws -> CodebookTheme {
        try connection.run(
            "INSERT INTO themes (campaign_id, name, kind, description, parent_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            campaignID, name, kind.rawValue, description, parentID, now)
        let id = connection.lastInsertRowID
        try recordVersion(themeID: id, staffID: staffID, now: now)
        guard let theme = try theme(id: id) else { throw StoreError.notFound }
        return theme
    }

    /// Applies `change`, bumping the version when the wording, kind or parent changed.
    public func update(id: Int64, _ change: ThemeChange, staffID: Int64?, now: Int64) throws -> CodebookTheme {
        guard let old = try theme(id: id) else { throw StoreError.notFound }
        var new = old
        if let name = change.name { new.name = name }
        if let kind = change.kind { new.kind = kind }
        if let description = change.description { new.description = description }
        if let parentID = change.parentID { new.parentID = parentID }
        let reworded = new.name != old.name || new.kind != old.kind || new.description != old.description
            || new.parentID != old.parentID
        if reworded { new.version += 1 }
        try connection.run(
            "UPDATE themes SET name = ?, kind = ?, description = ?, parent_id = ?, version = ? WHERE id = ?",
            new.name, new.kind.rawValue, new.description, new.parentID, new.version, id)
        if let archived = change.archived {
            try connection.run(
                "UPDATE themes SET archived_at = CASE WHEN ? THEN coalesce(archived_at, ?) ELSE NULL END WHERE id = ?",
                archived, now, id)
        }
        if reworded { try recordVersion(themeID: id, staffID: staffID, now: now) }
        guard let theme = try theme(id: id) else { throw StoreError.notFound }
        return theme
    }

    private func recordVersion(themeID: Int64, staffID: Int64?, now: Int64) throws {
        try connection.run(
            """
            INSERT INTO theme_versions (theme_id, version, name, kind, description, parent_id, staff_id, created_at)
            SELECT id, version, name, kind, description, parent_id, ?, ? FROM themes WHERE id = ?
            """, staffID, now, themeID)
    }

    /// Publishes exactly the themes in `ids` (and unpublishes the campaign's others); returns how many are published.
    public func publish(campaignID: Int64, ids: Set<Int64>) throws -> Int {
        try connection.run("UPDATE themes SET published = 0 WHERE campaign_id = ?", campaignID)
        for id in ids.sorted() {
            try connection.run("UPDATE themes SET published = 1 WHERE campaign_id = ? AND id = ?", campaignID, id)
        }
        return ids.count
    }
}
