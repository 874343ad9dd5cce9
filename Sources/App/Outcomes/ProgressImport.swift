// Imports implementation updates from a CSV file, for trusts that track their changes elsewhere: all rows or none.
import Campaigns
import Storage

/// Columns: `idea` (the idea's id) and `note` are required; `role`, `site`, `date` (`YYYY-MM-DD`,
/// today when empty) and `percent` (0–100) are optional. Each idea must be one of the campaign's
/// adopted ideas; any bad row means nothing is imported and every bad row is reported by line.
public enum ProgressImport {
    public static func run(
        csv: [UInt8], slug: String, database: Database, clock: any WallClock, actor: String, staffID: Int64? = nil
    ) throws -> Int {
        let records = try CSVReader.parse(csv)
        let header = try ImportHeader(records.first, required: ["idea", "note"], optional: ["role", "site", "date", "percent"])
        let today = ISOTime.day(clock.now)
        var problems: [ImportError.RowProblem] = []
        var rows: [(line: Int, update: NewProgressUpdate)] = []
        for record in records.dropFirst() {
            let ideaText = header.value("idea", in: record)
            let percentText = header.value("percent", in: record).replacingPercentSign()
            guard let idea = Int64(ideaText), idea > 0 else {
                problems.append(.init(line: record.line, message: "the idea must be an idea's number."))
                continue
            }
            guard percentText.isEmpty || Int64(percentText) != nil else {
                problems.append(.init(line: record.line, message: "the percent must be a whole number from 0 to 100."))
                continue
            }
            let date = header.value("date", in: record)
            let input = ProgressUpdateInput(
                contributionID: idea, role: header.value("role", in: record), site: header.value("site", in: record),
                note: header.value("note", in: record), percent: Int64(percentText), on: date.isEmpty ? nil : date)
            switch input.check(today: today) {
            case .success(let update): rows.append((record.line, update))
            case .failure(let problem):
                problems.append(.init(line: record.line, message: "\(Self.column(problem.field)): \(problem.message)"))
            }
        }
        let now = clock.now
        let checked = problems
        let parsed = rows
        return try database.write { connection in
            guard let campaign = try ExportStore(connection).campaign(slug: slug) else { throw ImportError.campaignNotFound(slug) }
            var problems = checked
            for row in parsed {
                guard let record = try ContributionStore(connection).contribution(id: row.update.contributionID),
                      record.campaignID == campaign.id else {
                    problems.append(.init(line: row.line, message: "this campaign has no idea \(row.update.contributionID)."))
                    continue
                }
                let subject = try OutcomeRoutes.subject(record.id, in: connection)
                if let refusal = OutcomeRules.addUpdate(on: subject) {
                    problems.append(.init(line: row.line, message: "idea \(record.id): \(refusal.message)"))
                }
            }
            guard problems.isEmpty else { throw ImportError.badRows(problems.sorted { $0.line < $1.line }) }
            guard !parsed.isEmpty else { throw ImportError.unreadable("The file has a header but no updates.") }
            let store = OutcomeStore(connection)
            for row in parsed { try store.addUpdate(campaignID: campaign.id, row.update, staffID: staffID, now: now) }
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: campaign.id, actor: actor, action: .importProgress, target: "\(parsed.count) updates"),
                now: now)
            return parsed.count
        }
    }

    /// The file's name for a field `ProgressUpdateInput` names.
    private static func column(_ field: String) -> String { field == "on" ? "the date" : "the " + field }
}

extension String {
    /// "40%" is how a spreadsheet writes 40.
    fileprivate func replacingPercentSign() -> String { hasSuffix("%") ? String(dropLast()).trimmingSpaces() : self }

    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
