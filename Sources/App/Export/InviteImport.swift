// Imports invite codes from a CSV with a `code` column: every row valid, or nothing written.
import Campaigns
import Storage

/// Turns a list of codes (handed out on paper, by a partner organisation…) into invites.
/// Only each code's keyed hash is stored, as for generated invites, in no order (PRIVACY.md).
public enum InviteImport {
    /// Codes are 4–64 letters, digits, spaces or dashes (spaces and dashes do not count).
    static let lengths = 4...64

    /// Imports every code of `csv` into campaign `slug` and returns how many; throws
    /// `ImportError` (nothing written) when the file or any row is bad or a code already exists.
    public static func run(csv: [UInt8], slug: String, database: Database, key: ServerKey, clock: any WallClock) throws -> Int {
        let records = try CSVReader.parse(csv)
        let header = try ImportHeader(records.first, required: ["code"], optional: [])
        var problems: [ImportError.RowProblem] = []
        var hashes: [[UInt8]] = []
        var legacyHashes: [[UInt8]] = []
        var lines: [Int] = []
        var firstLine: [[UInt8]: Int] = [:]
        for record in records.dropFirst() {
            let code = header.value("code", in: record)
            if let problem = problem(code) {
                problems.append(.init(line: record.line, message: problem))
                continue
            }
            let hash = key.inviteMAC(code)
            if let earlier = firstLine[hash] {
                problems.append(.init(line: record.line, message: "the same code as line \(earlier)."))
                continue
            }
            firstLine[hash] = record.line
            hashes.append(hash)
            legacyHashes.append(Tokens.legacyCodeHash(code))
            lines.append(record.line)
        }
        let now = clock.now
        let checked = problems
        let toWrite = hashes
        let legacy = legacyHashes
        let linesOfHashes = lines
        return try database.write { connection in
            guard let campaign = try ExportStore(connection).campaign(slug: slug) else { throw ImportError.campaignNotFound(slug) }
            let store = ContributorStore(connection)
            let existing = try store.existingInvites(macs: toWrite, legacyHashes: legacy)
            var problems = checked
            for (index, line) in linesOfHashes.enumerated() where existing.contains(index) {
                problems.append(.init(line: line, message: "this code is already an invite."))
            }
            guard problems.isEmpty else { throw ImportError.badRows(problems.sorted { $0.line < $1.line }) }
            guard !toWrite.isEmpty else { throw ImportError.unreadable("The file has a header but no codes.") }
            try store.addInvites(campaignID: campaign.id, macs: toWrite)
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: "command line", action: .importInvites,
                              target: "\(toWrite.count) codes"), now: now)
            return toWrite.count
        }
    }

    /// Why `code` cannot be an invite code, or nil. The message never repeats the code itself.
    static func problem(_ code: String) -> String? {
        let significant = code.unicodeScalars.filter { $0 != " " && $0 != "-" }
        guard !significant.isEmpty else { return "the code is empty." }
        guard code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == " " || $0 == "-") })
        else { return "a code may hold only letters A–Z, digits, spaces and dashes." }
        guard lengths.contains(significant.count) else {
            return "a code needs \(lengths.lowerBound) to \(lengths.upperBound) letters or digits."
        }
        return nil
    }
}
