// Writes every CSV export of a campaign into a directory, for the command line, reporting progress.
import Foundation
import Storage

/// The command line's export: the same tables and bytes as the HTTP routes (the linked export aside), one file per table
/// (`<table>.csv`), each written to a temporary name and renamed when complete so a crash never
/// leaves a half file under the real name. Recorded in the audit log like every export.
public enum DirectoryExport {
    /// Where an export stands after each page, for a progress bar.
    public struct Progress: Sendable {
        public var table: String
        /// Tables finished before this one, and how many there are.
        public var tablesDone: Int
        public var tableCount: Int
        /// Rows of this table written so far.
        public var rows: Int
    }

    /// Exports campaign `slug` into `directory` (created if missing) and returns the files written.
    public static func run(
        slug: String, directory: String, database: Database, key: ServerKey, kAnonymity: Int, now: Int64,
        progress: (Progress) -> Void
    ) throws -> [String] {
        guard let campaign = try database.read({ try ExportStore($0).campaign(slug: slug) }) else {
            throw ImportError.campaignNotFound(slug)
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try ExportAccess.recordExport(
            "all tables to a directory", campaignID: campaign.id, actor: "command line", database: database, now: now)
        let sources = ExportSources(database: database, campaign: campaign, kAnonymity: kAnonymity, key: key)
        var written: [String] = []
        for (index, table) in ExportTable.everyUnlinked.enumerated() {
            let path = directory + "/" + table.rawValue + ".csv"
            let partial = path + ".partial"
            let stream = CSVExportStream(source: try sources.source(for: table), log: { _ in })
            guard FileManager.default.createFile(atPath: partial, contents: nil),
                  let handle = FileHandle(forWritingAtPath: partial) else { throw CocoaError(.fileWriteNoPermission) }
            defer { try? handle.close() }
            progress(Progress(table: table.rawValue, tablesDone: index, tableCount: ExportTable.everyUnlinked.count, rows: 0))
            pull: while true {
                switch stream.next(wake: {}) {
                case .chunk(let bytes):
                    try handle.write(contentsOf: bytes)
                    progress(Progress(
                        table: table.rawValue, tablesDone: index, tableCount: ExportTable.everyUnlinked.count,
                        rows: stream.rowsWritten))
                case .wait: continue  // export streams never wait for outside events; pull again
                case .end: break pull
                }
            }
            guard stream.failed == false else { throw ExportFailed(table: table.rawValue) }
            try handle.synchronize()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: partial, toPath: path)
            written.append(path)
        }
        return written
    }
}

/// A table's rows could not all be read; its file was not completed.
public struct ExportFailed: Error, CustomStringConvertible {
    public var table: String
    public var description: String { "The \(table) export could not be completed; no file was written for it." }
}
