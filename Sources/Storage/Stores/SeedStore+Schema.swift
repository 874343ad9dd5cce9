// Bulk-load schema moves for `groundswell seed`: lay secondary indexes and per-row triggers aside, then restore them.

/// Schema objects taken out for a bulk load, with the exact SQL that recreates them.
/// The SQL is read back from `sqlite_schema`, so what comes back is what the migrations made.
public struct SuspendedSchema: Sendable {
    public fileprivate(set) var objects: [(name: String, sql: String)]
}

extension SeedStore {
    /// Indexes that slow a bulk load most: each random-order insert into them touches a cold page.
    /// Recreating one afterwards sorts once instead. <https://www.sqlite.org/lang_createindex.html>
    public static let bulkLoadIndexes = ["votes_by_contributor", "comments_by_contributor"]

    /// The full-text triggers: one per contribution and, worse, one per comment that rewrites its
    /// contribution's whole row (quadratic in comments per contribution). `indexForSearch` fills
    /// the same rows once, in one statement, after the load.
    public static let bulkLoadTriggers = ["contributions_search_insert", "comments_search_insert"]

    /// Drops the named indexes and triggers, returning what recreates them. Names that do not exist
    /// are skipped. Run inside `Database.write`; the objects stay dropped until `restore`.
    public func suspend(_ names: [String]) throws -> SuspendedSchema {
        var objects: [(name: String, sql: String)] = []
        for name in names {
            let found = try connection.queryOne(
                "SELECT type, sql FROM sqlite_schema WHERE name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                name
            ) { row -> (String, String) in (row.text(0), row.text(1)) }
            guard let (type, sql) = found else { continue }
            // `name` comes from our own constant lists and was just found in sqlite_schema.
            try connection.execute(type == "index" ? "DROP INDEX \"\(name)\"" : "DROP TRIGGER \"\(name)\"")
            objects.append((name: name, sql: sql))
        }
        return SuspendedSchema(objects: objects)
    }

    /// Recreates what `suspend` dropped (an index is rebuilt from the table in one sorted pass).
    public func restore(_ suspended: SuspendedSchema) throws {
        for object in suspended.objects {
            try connection.execute(object.sql)
        }
    }

    /// Adds every contribution of `campaignID` to the full-text index with its visible comments,
    /// exactly the rows the `contributions_search_insert` and `comments_search_*` triggers would
    /// have left. Only for contributions loaded while those triggers were suspended.
    public func indexForSearch(campaignID: Int64) throws {
        try connection.run(
            """
            INSERT INTO contribution_search (rowid, title, body, comments)
            SELECT c.id, coalesce(c.title, ''), c.body,
                   (SELECT coalesce(group_concat(body, char(10)), '') FROM comments
                    WHERE contribution_id = c.id AND state = 'visible')
            FROM contributions c WHERE c.campaign_id = ?
            """, campaignID)
    }

    /// The page cache of this connection, in KiB (SQLite's negative `cache_size`); a big cache keeps
    /// the unique token index and the foreign-key parents in memory during the load.
    /// <https://www.sqlite.org/pragma.html#pragma_cache_size>
    public func setCacheSize(kibibytes: Int) throws {
        try connection.execute("PRAGMA cache_size = -\(max(0, kibibytes))")
    }

    /// Bytes the database file takes (page count × page size), WAL not included.
    public func databaseBytes() throws -> Int64 {
        let pages = try connection.queryOne("PRAGMA page_count") { row -> Int64 in row.int64(0) } ?? 0
        let size = try connection.queryOne("PRAGMA page_size") { row -> Int64 in row.int64(0) } ?? 0
        return pages * size
    }
}
